import { TZDate } from '@date-fns/tz';
import { addDays, format, isWeekend, setHours, setMinutes, startOfDay } from 'date-fns';

/** A calling window in minutes after local midnight, e.g. 09:00-12:00 = { start: 540, end: 720 }. */
export interface MinuteWindow {
  start: number;
  end: number;
}

/** Default calling windows: weekdays 09:00-12:00 and 14:00-18:00 in the customer's zone (DOMAIN.md). */
export const DEFAULT_CALLING_WINDOWS: readonly MinuteWindow[] = [
  { start: 540, end: 720 },
  { start: 840, end: 1080 },
];

/** A task's due window, epoch ms, end inclusive. */
export interface DueWindow {
  start: number;
  end: number;
}

/** The calling windows of one local date ('yyyy-MM-dd'); none on a day without calls. */
export type WindowsOnDate = (localDate: string) => readonly MinuteWindow[];

/**
 * Suggests up to `count` slots, on the hour or half hour, at least 30 minutes from now, inside
 * the calling windows on weekdays in the customer's time zone and inside the customer's
 * preferred window when one is known. `isCallingDay` (a local 'yyyy-MM-dd') skips holidays and
 * takes swapped working days when the working calendar is known; weekdays otherwise.
 * `windows` may instead be a function of the date (the planning rules' weekday windows on the
 * calendar's working dates: callingWindowsOn in calling-windows.ts); then it alone decides which
 * days have calls, unless isCallingDay is given too. `within` (a task's due window) keeps every
 * slot inside it: none before it opens, none after it ends (fewer slots, or none, then).
 */
export function suggestCallSlots(
  now: number,
  timeZone: string,
  preferred: MinuteWindow | null,
  count = 4,
  windows: readonly MinuteWindow[] | WindowsOnDate = DEFAULT_CALLING_WINDOWS,
  isCallingDay?: (localDate: string) => boolean,
  within?: DueWindow,
): number[] {
  const byDate = typeof windows === 'function';
  const slots: number[] = [];
  // A task's due window moves the first slot to its start: a callback is not proposed before its window opens.
  const earliest = Math.max(now + 30 * 60_000, within?.start ?? -Infinity);
  const latest = within?.end ?? Infinity;
  let day = startOfDay(new TZDate(earliest, timeZone));
  for (let d = 0; d < 14 && slots.length < count; d++, day = addDays(day, 1)) {
    if (day.getTime() > latest) break;
    const localDate = format(day, 'yyyy-MM-dd');
    if (isCallingDay === undefined ? !byDate && isWeekend(day) : !isCallingDay(localDate)) continue;
    const today = byDate ? windows(localDate) : windows;
    const allowed = preferred ? intersect(today, preferred) : [...today];
    const usable = allowed.length > 0 ? allowed : [...today];
    for (const window of usable) {
      for (let minute = window.start; minute < window.end && slots.length < count; minute += 30) {
        const at = setMinutes(setHours(day, Math.floor(minute / 60)), minute % 60).getTime();
        // One slot per window per day keeps the suggestions spread out.
        if (at > latest) break;
        if (at >= earliest) {
          slots.push(at);
          break;
        }
      }
    }
  }
  return slots;
}

function intersect(windows: readonly MinuteWindow[], preferred: MinuteWindow): MinuteWindow[] {
  return windows
    .map((w) => ({ start: Math.max(w.start, preferred.start), end: Math.min(w.end, preferred.end) }))
    .filter((w) => w.end > w.start);
}
