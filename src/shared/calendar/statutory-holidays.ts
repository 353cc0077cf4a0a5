/**
 * Provisional statutory holidays for years the official schedule does not cover yet.
 *
 * Public API:
 *   StatutoryRule                      'cn-statutory-2025'
 *   statutoryHolidays(rule, year): DayEntry[]       sorted, names marked "provisional"
 *   PROVISIONAL_FIRST_YEAR, PROVISIONAL_LAST_YEAR   years the rule is derived for
 *   PROVISIONAL_YEARS_AHEAD                         how many years after the official data a calendar derives
 *
 * The rule is the State Council's 《全国年节及纪念日放假办法》 as amended in 2024 (in force from
 * 2025-01-01), article 2: New Year's Day (1 January), Spring Festival (lunar new year's eve and
 * days 1-3 of the first lunar month, 4 days), Qingming (the day of the solar term), Labour Day
 * (1-2 May), Dragon Boat (lunar 5/5), Mid-Autumn (lunar 8/15), National Day (1-3 October).
 * Article 6: a holiday falling on a Saturday or Sunday is made up on a working day; the State
 * Council has always placed that day right after the festival, so it is derived the same way.
 *
 * What cannot be derived: the swapped working days (调休上班) and the bridging days the yearly
 * announcement adds. A provisional year therefore has no swapped working days: a Saturday that
 * the announcement will later make a working day counts as a day off until it is imported.
 *
 * Lunar dates and solar terms come from lunar-typescript (6tail); no lunar arithmetic here.
 */
import { Lunar, Solar } from 'lunar-typescript';
import type { DayEntry } from './calendar-schema';

export type StatutoryRule = 'cn-statutory-2025';
export const STATUTORY_RULES = ['cn-statutory-2025'] as const satisfies readonly StatutoryRule[];

/** The amended rule applies from 2025; earlier years had a different list. */
export const PROVISIONAL_FIRST_YEAR = 2025;
/** The law may change again; past this year nothing is derived. */
export const PROVISIONAL_LAST_YEAR = 2100;
/** Years derived after the official data: far beyond any SLA or callback horizon, and cheap to compile. */
export const PROVISIONAL_YEARS_AHEAD = 10;

interface Festival {
  name: string;
  days: Solar[];
}

const PROVISIONAL = '(provisional)';

/** Derived years, kept: the answer never changes and a year takes a few ms to derive. */
const derived = new Map<string, readonly DayEntry[]>();

export function statutoryHolidays(rule: StatutoryRule, year: number): readonly DayEntry[] {
  if (rule !== 'cn-statutory-2025') return [];
  if (!Number.isSafeInteger(year) || year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR) return [];
  const key = `${rule}/${year}`;
  let days = derived.get(key);
  if (!days) {
    days = deriveCn2025(year);
    derived.set(key, days);
  }
  return days;
}

function deriveCn2025(year: number): DayEntry[] {
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明'];
  const festivals: Festival[] = [
    { name: "元旦 New Year's Day", days: [Solar.fromYmd(year, 1, 1)] },
    // Eve is the day before lunar 1/1, whether the twelfth month has 29 or 30 days.
    { name: '春节 Spring Festival', days: [newYear.next(-1), newYear, newYear.next(1), newYear.next(2)] },
    { name: '清明节 Qingming Festival', days: qingming ? [qingming] : [] },
    { name: '劳动节 Labour Day', days: [Solar.fromYmd(year, 5, 1), Solar.fromYmd(year, 5, 2)] },
    { name: '端午节 Dragon Boat Festival', days: [Lunar.fromYmd(year, 5, 5).getSolar()] },
    { name: '中秋节 Mid-autumn Festival', days: [Lunar.fromYmd(year, 8, 15).getSolar()] },
    { name: '国庆节 National Day', days: [Solar.fromYmd(year, 10, 1), Solar.fromYmd(year, 10, 2), Solar.fromYmd(year, 10, 3)] },
  ];
  const off = new Map<string, string>();
  for (const festival of festivals) for (const day of festival.days) off.set(day.toYmd(), festival.name);
  for (const festival of festivals) {
    let makeUps = festival.days.filter(isWeekend).length;
    let cursor = festival.days[festival.days.length - 1];
    while (cursor && makeUps > 0) {
      cursor = cursor.next(1);
      if (isWeekend(cursor) || off.has(cursor.toYmd())) continue;
      off.set(cursor.toYmd(), `${festival.name} 补假 make-up day`);
      makeUps--;
    }
  }
  return [...off.entries()]
    .filter(([date]) => date.startsWith(`${year}-`))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => ({ date, name: `${name} ${PROVISIONAL}` }));
}

function isWeekend(day: Solar): boolean {
  const weekday = day.getWeek();
  return weekday === 0 || weekday === 6;
}
