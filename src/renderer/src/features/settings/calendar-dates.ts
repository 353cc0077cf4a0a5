import { basisOfDate, type CalendarBasis, type CalendarCoverage } from '../../../../shared/calendar/calendar-basis';

/**
 * Today's date (YYYY-MM-DD) where the calendar is, not where this PC's clock is set: holidays
 * and SLA working hours are counted in the calendar's time zone.
 */
export function todayIn(timeZone: string, now: number): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    // An unknown zone name: the local date is the best guess, and only decides a warning.
    parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** From this many days before the official holiday data ends, leads are asked to import the next year. */
export const EXPIRY_NOTICE_DAYS = 60;

export type HolidayCoverage = 'unknown' | 'covered' | 'expiring' | 'outdated';

/**
 * Past the official data the calendar counts provisional statutory holidays (no 调休), and past
 * those nothing but weekends: deadlines there may move once the State Council's list is imported.
 */
export function holidayCoverage(knownThrough: string | null, today: string): HolidayCoverage {
  if (!knownThrough) return 'unknown';
  const left = daysBetween(today, knownThrough);
  if (left < 0) return 'outdated';
  return left <= EXPIRY_NOTICE_DAYS ? 'expiring' : 'covered';
}

export type { CalendarBasis, CalendarCoverage };

/**
 * Whether a deadline rests on provisional or unknown calendar days: only one counted in working
 * time does (nights and holidays skipped), and its last day decides, since the official data ends
 * on one date and the provisional days follow it. A calendar-time deadline counts every minute.
 */
export function deadlineBasis(calendar: CalendarCoverage | null, at: number | null, clock: 'working' | 'calendar' | null = 'working'): CalendarBasis {
  if (!calendar || at === null || clock === 'calendar') return 'official';
  return basisOfDate(calendar, todayIn(calendar.timeZone, at));
}
