/**
 * When a customer may be called, from the rules' calling windows: minutes of the customer's own
 * local day, on the calendar's working dates only (never on a holiday; swapped working days
 * included, with the Monday windows), narrowed to the customer's preferred contact window when
 * it overlaps them.
 *
 * Public API:
 *   windowsOnDate(windows, cal, date, preferred): MinuteWindow[]
 *   callingWindowsOn(windows, cal): WindowsOnDate      for suggestCallSlots (call-slots.ts)
 *   nextCallingInstant(windows, cal, timeZone, preferred, from): number
 *   callingTimeProblem(windows, cal, timeZone, at): CallingTimeProblem | null   why a time agreed for a call is refused
 *
 * The centre's own working hours are not intersected: a customer in Berlin is called in Berlin's
 * calling hours on the calendar's working dates, and a deployment that serves other zones staffs
 * for them (or gives those customers' team its own calendar).
 */
import { SEARCH_HORIZON_DAYS, type CompiledCalendar } from '../calendar/working-time';
import type { MinuteWindow, WindowsOnDate } from './call-slots';
import { addDays, isHolidayDate, isoWeekday, isSwappedWorkingDate, isWorkingDate, localDateIn, localInstant } from './local-dates';
import { PlanningError } from './planning-error';
import type { CallingWindow } from './planning-rules';

/** The default calling windows as rules: weekdays 09:00-12:00 and 14:00-18:00 (DOMAIN.md). */
export const DEFAULT_RULE_WINDOWS: readonly CallingWindow[] = [
  { weekdays: [1, 2, 3, 4, 5], start: 540, end: 720 },
  { weekdays: [1, 2, 3, 4, 5], start: 840, end: 1080 },
];

/** The calling windows of a local date, sorted; none on a day the calendar does not work. */
export function windowsOnDate(
  windows: readonly CallingWindow[],
  cal: CompiledCalendar,
  date: string,
  preferred: MinuteWindow | null,
): MinuteWindow[] {
  if (!isWorkingDate(cal, date)) return [];
  const weekday = isSwappedWorkingDate(cal, date) ? 1 : isoWeekday(date);
  const today = windows
    .filter((w) => w.weekdays.includes(weekday))
    .map((w) => ({ start: w.start, end: w.end }))
    .sort((a, b) => a.start - b.start);
  if (!preferred) return today;
  const narrowed = today
    .map((w) => ({ start: Math.max(w.start, preferred.start), end: Math.min(w.end, preferred.end) }))
    .filter((w) => w.end > w.start);
  // A preferred time outside every calling window is ignored rather than making the customer uncallable.
  return narrowed.length > 0 ? narrowed : today;
}

/** The rules' windows per date, for suggestCallSlots; the preferred window is applied there. */
export function callingWindowsOn(windows: readonly CallingWindow[], cal: CompiledCalendar): WindowsOnDate {
  return (date) => windowsOnDate(windows, cal, date, null);
}

/** `from` itself when it lies in a calling window of its local day, else the next window's start. */
export function nextCallingInstant(
  windows: readonly CallingWindow[],
  cal: CompiledCalendar,
  timeZone: string,
  preferred: MinuteWindow | null,
  from: number,
): number {
  if (!Number.isFinite(from)) throw new PlanningError('invalid_input', `from must be an epoch ms instant, got ${from}`);
  let date = localDateIn(timeZone, from);
  for (let day = 0; day <= SEARCH_HORIZON_DAYS; day++, date = addDays(date, 1)) {
    for (const window of windowsOnDate(windows, cal, date, preferred)) {
      const start = localInstant(timeZone, date, window.start);
      const end = localInstant(timeZone, date, window.end);
      // A window inside a DST gap collapses to nothing and is skipped.
      if (end > start && end > from) return Math.max(start, from);
    }
  }
  throw new PlanningError(
    'no_calling_time',
    `no calling window on a working day of calendar ${cal.id} within ${SEARCH_HORIZON_DAYS} days after ${new Date(from).toISOString()}; check the calling windows and the calendar`,
  );
}

/** Why a time is no time to call: a holiday, a rest day (weekend), or outside the day's calling windows. */
export type CallingTimeProblem = 'holiday' | 'rest_day' | 'outside_calling_hours';

/**
 * Checks a time agreed with a customer (a reschedule) against the calendar and the calling
 * windows of the customer's local day; null when a call may be placed then. The customer's own
 * preferred window is not required: the time was just agreed with them.
 */
export function callingTimeProblem(windows: readonly CallingWindow[], cal: CompiledCalendar, timeZone: string, at: number): CallingTimeProblem | null {
  if (!Number.isFinite(at)) throw new PlanningError('invalid_input', `at must be an epoch ms instant, got ${at}`);
  const date = localDateIn(timeZone, at);
  if (!isWorkingDate(cal, date)) return isHolidayDate(cal, date) ? 'holiday' : 'rest_day';
  const inside = windowsOnDate(windows, cal, date, null).some((w) => localInstant(timeZone, date, w.start) <= at && at < localInstant(timeZone, date, w.end));
  return inside ? null : 'outside_calling_hours';
}
