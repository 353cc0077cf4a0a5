/**
 * No answer: when to call again, or when to give up (DOMAIN.md; default 3 retries: +2 h, the
 * next working day, +2 working days, then unreachable).
 *
 * Public API:
 *   nextAttempt(retry, cal, attemptsSoFar, now, target?): { at } | { unreachable: true, reason, attempts }
 *
 * attemptsSoFar counts the unanswered calls made so far, the one that just failed included
 * (>= 1). After the n-th, steps[n - 1] applies; once every step is used the customer is
 * unreachable. So the default makes at most 4 calls: the first and 3 retries.
 *
 * Steps:
 * - hours: now + hours, moved into the next calling window when that falls outside one (a
 *   no-answer at 17:00 on a Friday is retried on Monday at 09:00, not at 19:00);
 * - working_days: the n-th working date after today (customer's local date; 调休 days count,
 *   holidays do not), at the first calling window of that date.
 * Calling windows are the customer's local hours on the calendar's working dates, narrowed to
 * the customer's preferred window (calling-windows.ts).
 */
import type { CompiledCalendar } from '../calendar/working-time';
import type { MinuteWindow } from './call-slots';
import { DEFAULT_RULE_WINDOWS, nextCallingInstant } from './calling-windows';
import { localDateIn, nthWorkingDateAfter, startOfLocalDate } from './local-dates';
import { PlanningError } from './planning-error';
import type { CallingWindow, RetryRules } from './planning-rules';

export type NextAttempt = { at: number } | { unreachable: true; reason: 'retries_exhausted'; attempts: number };

/** Whom the retry is for; without it, the calendar's zone, no preference and the default windows. */
export interface RetryTarget {
  timeZone?: string;
  contactWindow?: MinuteWindow | null;
  callingWindows?: readonly CallingWindow[];
}

const HOUR_MS = 3_600_000;

export function nextAttempt(retry: RetryRules, cal: CompiledCalendar, attemptsSoFar: number, now: number, target: RetryTarget = {}): NextAttempt {
  if (!Number.isSafeInteger(attemptsSoFar) || attemptsSoFar < 1) {
    throw new PlanningError('invalid_input', `attemptsSoFar must count the unanswered calls so far, a whole number >= 1, got ${attemptsSoFar}`);
  }
  if (!Number.isFinite(now)) throw new PlanningError('invalid_input', `now must be an epoch ms instant, got ${now}`);
  const step = retry.steps[attemptsSoFar - 1];
  if (!step) return { unreachable: true, reason: 'retries_exhausted', attempts: attemptsSoFar };
  const timeZone = target.timeZone ?? cal.timeZone;
  const windows = target.callingWindows ?? DEFAULT_RULE_WINDOWS;
  const preferred = target.contactWindow ?? null;
  if (step.kind === 'hours') {
    return { at: nextCallingInstant(windows, cal, timeZone, preferred, now + step.hours * HOUR_MS) };
  }
  const date = nthWorkingDateAfter(cal, localDateIn(timeZone, now), step.days);
  return { at: nextCallingInstant(windows, cal, timeZone, preferred, startOfLocalDate(timeZone, date)) };
}
