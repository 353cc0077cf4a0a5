import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TZDate } from '@date-fns/tz';
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { parseCalendarDef } from '../../../src/shared/calendar/calendar-schema';
import { statutoryHolidays } from '../../../src/shared/calendar/statutory-holidays';
import { addWorkingMs, basisBetween, compileCalendar, dayBasis, isWorkingInstant } from '../../../src/shared/calendar/working-time';
import { isWorkingDate } from '../../../src/shared/planning/local-dates';
import { cnMainland, cnMainlandDef } from './calendars';

const require = createRequire(import.meta.url);
const HOUR = 3_600_000;
const shanghai = (y: number, m: number, d: number, h = 0, min = 0): number => new TZDate(y, m - 1, d, h, min, 'Asia/Shanghai').getTime();
const dates = (year: number): string[] => statutoryHolidays('cn-statutory-2025', year).map((day) => day.date);

describe('provisional statutory holidays after the official data (shipped calendar ends 2026-12-31)', () => {
  it('New Year 2027: an issue registered Thu 2026-12-31 17:00 with 4 working hours is due Mon 2027-01-04 12:00, not on the holiday', () => {
    const cal = cnMainland();
    const due = addWorkingMs(cal, shanghai(2026, 12, 31, 17), 4 * HOUR);
    expect(new Date(due).toISOString()).toBe(new Date(shanghai(2027, 1, 4, 12)).toISOString());
    expect(isWorkingInstant(cal, shanghai(2027, 1, 1, 10))).toBe(false);
    expect(isWorkingDate(cal, '2027-01-01')).toBe(false);
    // ...and the answer says it rests on a provisional day.
    expect(basisBetween(cal, shanghai(2026, 12, 31, 17), due)).toBe('provisional');
    expect(basisBetween(cal, shanghai(2026, 12, 30, 9), shanghai(2026, 12, 31, 17))).toBe('official');
    expect(dayBasis(cal, '2027-01-01')).toBe('provisional');
    expect(cal.def.holidays.find((h) => h.date === '2027-01-01')?.name).toBe("元旦 New Year's Day (provisional)");
  });

  it("Spring Festival 2027: eve and lunar days 1-3 as the lunar calendar gives them (chinese-days agrees), weekend days made up after", () => {
    // A second, independent lunar library: lunar 2027-01-01 is Sat 2027-02-06.
    expect(getSolarDateFromLunar('2027-01-01').date).toBe('2027-02-06');
    const spring = statutoryHolidays('cn-statutory-2025', 2027).filter((day) => (day.name ?? '').startsWith('春节'));
    expect(spring.map((day) => day.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']);
    // Sat 6 and Sun 7 fall on the weekend: made up on Tue 9 and Wed 10 (article 6).
    expect(spring.filter((day) => (day.name ?? '').includes('补假')).map((day) => day.date)).toEqual(['2027-02-09', '2027-02-10']);
    const cal = cnMainland();
    expect(isWorkingDate(cal, '2027-02-04')).toBe(true);
    for (const date of ['2027-02-05', '2027-02-08', '2027-02-10']) expect(isWorkingDate(cal, date), date).toBe(false);
    expect(isWorkingDate(cal, '2027-02-11')).toBe(true);
  });

  it('2027 follows the amended rule: Qingming on the solar term, Labour Day 2 days, Dragon Boat, Mid-Autumn, National Day 3 days', () => {
    expect(getSolarTermDate(2027, 4, 'pure_brightness')).toBe('2027-04-05');
    expect(getSolarDateFromLunar('2027-05-05').date).toBe('2027-06-09');
    expect(getSolarDateFromLunar('2027-08-15').date).toBe('2027-09-15');
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-04-05',
      '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05',
    ]);
  });

  it('every derived day of 2025 and 2026 (the rule in force) is a day off in the State Council schedule', () => {
    const official = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as { holidays: Record<string, string> };
    for (const year of [2025, 2026]) {
      const derived = dates(year);
      expect(derived.length).toBeGreaterThanOrEqual(13);
      for (const date of derived) expect(Object.hasOwn(official.holidays, date), date).toBe(true);
    }
  });

  it('has no swapped working days (调休 cannot be derived): a provisional Saturday is off', () => {
    const cal = cnMainland();
    expect(cal.def.workdays.some((day) => day.date > '2026-12-31')).toBe(false);
    expect(isWorkingDate(cal, '2027-02-20')).toBe(false);
  });

  it('without a rule, or past the years derived, days are unknown: weekdays count, and the answer says so', () => {
    const { provisionalRule: _rule, ...plain } = cnMainlandDef();
    const cal = compileCalendar(parseCalendarDef(plain));
    expect(isWorkingDate(cal, '2027-01-01')).toBe(true);
    expect(basisBetween(cal, shanghai(2026, 12, 31, 17), shanghai(2027, 1, 1, 12))).toBe('unknown');
    const shipped = cnMainland();
    expect(shipped.provisionalThrough).toBe('2036-12-31');
    expect(dayBasis(shipped, '2037-01-01')).toBe('unknown');
    expect(dayBasis(shipped, '2026-12-31')).toBe('official');
  });

  it('a calendar whose official data covers the year keeps it: no provisional day is added on top', () => {
    const def = cnMainlandDef();
    const cal = compileCalendar(parseCalendarDef({ ...def, holidaysKnownThrough: '2027-12-31' }));
    expect(cal.def.holidays.some((day) => day.date.startsWith('2027-'))).toBe(false);
    expect(isWorkingDate(cal, '2027-01-01')).toBe(true);
    expect(dayBasis(cal, '2027-01-01')).toBe('official');
  });
});
