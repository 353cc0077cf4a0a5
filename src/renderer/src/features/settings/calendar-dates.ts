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

/** Within this many days of the end of the holiday data, leads are reminded to import the next year. */
export const EXPIRY_NOTICE_DAYS = 45;

export type HolidayCoverage = 'unknown' | 'covered' | 'expiring' | 'outdated';

/** Past the last known holiday only weekends are days off, so SLA due times may fall on a holiday. */
export function holidayCoverage(knownThrough: string | null, today: string): HolidayCoverage {
  if (!knownThrough) return 'unknown';
  const left = daysBetween(today, knownThrough);
  if (left < 0) return 'outdated';
  return left <= EXPIRY_NOTICE_DAYS ? 'expiring' : 'covered';
}
