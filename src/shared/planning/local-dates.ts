/**
 * Local dates ('yyyy-MM-dd') for planning: arithmetic on civil dates, the instants a local date
 * begins and ends in a customer's zone, and which dates are working dates of the calendar.
 *
 * Public API:
 *   isIsoDate(text): boolean
 *   addDays(date, n) / daysBetween(a, b) / isoWeekday(date)
 *   localDateIn(timeZone, at): 'yyyy-MM-dd'
 *   startOfLocalDate(timeZone, date) / endOfLocalDate(timeZone, date): epoch ms
 *   isWorkingDate(cal, date), firstWorkingDateIn(cal, from, to), nthWorkingDateAfter(cal, date, n)
 *
 * Working dates are judged by date, not by instant: statutory holidays and swapped working days
 * (调休) are dates, so 2026-10-01 is a day off for a customer in Urumqi or Berlin as it is in
 * Shanghai, whatever the hour offset between their zones and the calendar's.
 */
import { TZDate } from '@date-fns/tz';
import type { WorkingCalendarDef } from '../calendar/calendar-schema';
import { SEARCH_HORIZON_DAYS, type CompiledCalendar } from '../calendar/working-time';
import { PlanningError } from './planning-error';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written yyyy-MM-dd (2026-02-30 and month 13 are not). */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 of a civil date; the caller has checked it with isIsoDate. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The civil date of a day number (Hinnant's days-to-civil; planning calls this millions of times, Date is slower). */
export function dateOfDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** b - a in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 1 = Monday ... 7 = Sunday, as in the calendar's weekly pattern. */
export function isoWeekday(date: string): number {
  return ((new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;
}

/** The civil date of an instant in a zone. */
export function localDateIn(timeZone: string, at: number): string {
  const local = new TZDate(at, timeZone);
  return dateOfDayNumber(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS);
}

/** The first instant of a local date in a zone (a midnight skipped by DST moves forward, as TZDate does). */
export function startOfLocalDate(timeZone: string, date: string): number {
  return new TZDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 0, 0, timeZone).getTime();
}

/** The last millisecond of a local date: due ends are inclusive, the queue calls a task overdue when dueEnd < now. */
export function endOfLocalDate(timeZone: string, date: string): number {
  return startOfLocalDate(timeZone, addDays(date, 1)) - 1;
}

/** The wall-clock instant `minute` minutes after local midnight of `date` in a zone. */
export function localInstant(timeZone: string, date: string, minute: number): number {
  return new TZDate(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    Math.floor(minute / 60),
    minute % 60,
    timeZone,
  ).getTime();
}

interface DaySets {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** Answers already given, per date. */
  working: Map<string, boolean>;
}
/** Keyed by the definition, which a compiled calendar keeps for its whole life. */
const daySets = new WeakMap<WorkingCalendarDef, DaySets>();

function setsOf(cal: CompiledCalendar): DaySets {
  let sets = daySets.get(cal.def);
  if (!sets) {
    sets = { holidays: new Set(cal.def.holidays.map((h) => h.date)), workdays: new Set(cal.def.workdays.map((w) => w.date)), working: new Map() };
    daySets.set(cal.def, sets);
  }
  return sets;
}

/** True when the calendar works on this date: not a holiday, and a swapped working day or a weekday with hours. */
export function isWorkingDate(cal: CompiledCalendar, date: string): boolean {
  const sets = setsOf(cal);
  let working = sets.working.get(date);
  if (working === undefined) {
    working = sets.workdays.has(date) || (!sets.holidays.has(date) && cal.def.weekly[String(isoWeekday(date)) as keyof WorkingCalendarDef['weekly']].length > 0);
    // Bounded like the calendar's own cache: a decade of dates.
    if (sets.working.size >= 4000) sets.working.clear();
    sets.working.set(date, working);
  }
  return working;
}

/** True for a date the calendar lists as a holiday (not a plain weekend). */
export function isHolidayDate(cal: CompiledCalendar, date: string): boolean {
  return setsOf(cal).holidays.has(date) && !setsOf(cal).workdays.has(date);
}

/** True for a swapped working day (调休上班): worked although its weekday normally is not. */
export function isSwappedWorkingDate(cal: CompiledCalendar, date: string): boolean {
  return setsOf(cal).workdays.has(date);
}

/** The first working date in [from, to], or null when every date in it is off. */
export function firstWorkingDateIn(cal: CompiledCalendar, from: string, to: string): string | null {
  for (let day = dayNumber(from), last = dayNumber(to); day <= last; day++) {
    const date = dateOfDayNumber(day);
    if (isWorkingDate(cal, date)) return date;
  }
  return null;
}

/** The n-th working date after `date` (`date` itself never counts; n >= 1). */
export function nthWorkingDateAfter(cal: CompiledCalendar, date: string, n: number): string {
  let counted = 0;
  const first = dayNumber(date);
  for (let day = first + 1; day <= first + SEARCH_HORIZON_DAYS; day++) {
    const candidate = dateOfDayNumber(day);
    if (isWorkingDate(cal, candidate) && ++counted === n) return candidate;
  }
  throw new PlanningError(
    'no_working_day',
    `calendar ${cal.id}: no ${n}-th working day within ${SEARCH_HORIZON_DAYS} days after ${date}; check its weekly hours and holidays`,
  );
}

const zoneChecks = new Map<string, boolean>();

/** True for an IANA zone this runtime knows, e.g. Asia/Urumqi; cached, planning asks once per customer. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  let known = zoneChecks.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zoneChecks.set(zone, known);
  }
  return known;
}
