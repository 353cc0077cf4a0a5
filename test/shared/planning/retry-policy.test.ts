import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCallingInstant, windowsOnDate } from '../../../src/shared/planning/calling-windows';
import { isWorkingDate, localDateIn } from '../../../src/shared/planning/local-dates';
import { PlanningError } from '../../../src/shared/planning/planning-error';
import { nextAttempt, type NextAttempt } from '../../../src/shared/planning/retry-policy';
import { at, BERLIN, cn, defaultRules, local, sh, SHANGHAI, URUMQI } from './fixtures';

const rules = defaultRules();
const when = (result: NextAttempt, zone = SHANGHAI): string => {
  if (!('at' in result)) throw new Error(`unreachable after ${result.attempts}`);
  return at(zone, result.at).slice(0, 16);
};
const retry = (attempts: number, now: number) => when(nextAttempt(rules.retry, cn, attempts, now, { callingWindows: rules.callingWindows }));

describe('retry after no answer (default: +2 h, next working day, +2 working days)', () => {
  it('calls again 2 hours later, moved into the next calling window', () => {
    expect(retry(1, sh('2026-03-04 09:30'))).toBe('2026-03-04 11:30');
    // 12:30 is the lunch break: the afternoon window opens at 14:00.
    expect(retry(1, sh('2026-03-04 10:30'))).toBe('2026-03-04 14:00');
    // 12:00 is the morning window's end, not in it.
    expect(retry(1, sh('2026-03-04 10:00'))).toBe('2026-03-04 14:00');
  });

  it('carries a Friday evening retry over the weekend', () => {
    expect(retry(1, sh('2026-03-06 17:00'))).toBe('2026-03-09 09:00');
    expect(retry(2, sh('2026-03-06 11:00'))).toBe('2026-03-09 09:00');
    // Thursday + 2 working days: Friday, Monday.
    expect(retry(3, sh('2026-03-05 15:00'))).toBe('2026-03-09 09:00');
  });

  it('skips National Day and calls on the swapped Saturday (10 October 2026)', () => {
    expect(retry(1, sh('2026-09-30 17:00'))).toBe('2026-10-08 09:00');
    expect(retry(2, sh('2026-09-30 10:00'))).toBe('2026-10-08 09:00');
    expect(retry(3, sh('2026-09-30 10:00'))).toBe('2026-10-09 09:00');
    expect(retry(2, sh('2026-10-09 16:00'))).toBe('2026-10-10 09:00');
    expect(retry(3, sh('2026-10-09 16:00'))).toBe('2026-10-12 09:00');
  });

  it('counts the Spring Festival swapped Saturday 14 February and skips 15-23 February', () => {
    expect(retry(2, sh('2026-02-13 16:00'))).toBe('2026-02-14 09:00');
    expect(retry(3, sh('2026-02-13 16:00'))).toBe('2026-02-24 09:00');
    expect(retry(1, sh('2026-02-14 17:00'))).toBe('2026-02-24 09:00');
  });

  it('gives up after the last retry with the reason', () => {
    expect(nextAttempt(rules.retry, cn, 4, sh('2026-03-04 10:00'))).toEqual({ unreachable: true, reason: 'retries_exhausted', attempts: 4 });
    expect(nextAttempt({ steps: [] }, cn, 1, sh('2026-03-04 10:00'))).toEqual({ unreachable: true, reason: 'retries_exhausted', attempts: 1 });
  });

  it('rejects a count that is not a number of calls made', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => nextAttempt(rules.retry, cn, bad, sh('2026-03-04 10:00'))).toThrow(PlanningError);
    }
    expect(() => nextAttempt(rules.retry, cn, 0, 0)).toThrow('attemptsSoFar must count the unanswered calls so far, a whole number >= 1, got 0');
  });

  it('uses the customer\'s zone and preferred window', () => {
    // 17:00 Friday in Berlin: Monday 09:00 Berlin time, not Shanghai's.
    const berlin = (attempts: number, text: string, contactWindow: { start: number; end: number } | null = null) =>
      when(nextAttempt(rules.retry, cn, attempts, local(BERLIN, text), { timeZone: BERLIN, contactWindow, callingWindows: rules.callingWindows }), BERLIN);
    expect(berlin(1, '2026-03-06 17:00')).toBe('2026-03-09 09:00');
    expect(berlin(2, '2026-03-06 17:00', { start: 600, end: 660 })).toBe('2026-03-09 10:00');
    // A preferred window outside every calling window is ignored, not fatal.
    expect(berlin(2, '2026-03-06 17:00', { start: 1200, end: 1260 })).toBe('2026-03-09 09:00');
    // Late Thursday evening in Urumqi is already Friday in Shanghai; the retry follows Urumqi's date.
    const urumqi = nextAttempt(rules.retry, cn, 2, local(URUMQI, '2026-03-05 23:30'), { timeZone: URUMQI, callingWindows: rules.callingWindows });
    expect(when(urumqi, URUMQI)).toBe('2026-03-06 09:00');
  });

  it('defaults to the calendar\'s zone and the default windows', () => {
    expect(when(nextAttempt(rules.retry, cn, 1, sh('2026-03-06 17:00')))).toBe('2026-03-09 09:00');
  });
});

describe('calling windows', () => {
  it('never open on a holiday, and use the Monday windows on a swapped working day', () => {
    expect(windowsOnDate(rules.callingWindows, cn, '2026-10-01', null)).toEqual([]);
    expect(windowsOnDate(rules.callingWindows, cn, '2026-10-10', null)).toEqual([
      { start: 540, end: 720 },
      { start: 840, end: 1080 },
    ]);
    expect(windowsOnDate(rules.callingWindows, cn, '2026-10-09', { start: 600, end: 900 })).toEqual([
      { start: 600, end: 720 },
      { start: 840, end: 900 },
    ]);
  });

  it('always land in a calling window of a working date, never earlier than asked', () => {
    const zones = [SHANGHAI, URUMQI, BERLIN];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 20) }), fc.constantFrom(...zones), (from, zone) => {
        const next = nextCallingInstant(rules.callingWindows, cn, zone, null, from);
        expect(next).toBeGreaterThanOrEqual(from);
        const date = localDateIn(zone, next);
        expect(isWorkingDate(cn, date)).toBe(true);
        const wall = at(zone, next);
        const minute = Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
        expect(windowsOnDate(rules.callingWindows, cn, date, null).some((w) => w.start <= minute && minute < w.end)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
