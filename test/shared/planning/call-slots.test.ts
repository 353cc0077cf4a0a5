import { describe, expect, it } from 'vitest';
import { suggestCallSlots } from '../../../src/shared/planning/call-slots';
import { callingTimeProblem, callingWindowsOn } from '../../../src/shared/planning/calling-windows';
import { isWorkingDate } from '../../../src/shared/planning/local-dates';
import { at, BERLIN, cn, defaultRules, local, sh, SHANGHAI } from './fixtures';

const show = (slots: number[], zone = SHANGHAI) => slots.map((s) => at(zone, s).slice(0, 16));

describe('reschedule slot suggestions', () => {
  it('keep their weekday behaviour without a calendar', () => {
    // Friday 17:00: the next slots are Friday 17:30, then Monday.
    expect(show(suggestCallSlots(sh('2026-03-06 17:00'), SHANGHAI, null))).toEqual(['2026-03-06 17:30', '2026-03-09 09:00', '2026-03-09 14:00', '2026-03-10 09:00']);
    expect(show(suggestCallSlots(sh('2026-03-06 17:00'), SHANGHAI, { start: 600, end: 660 }, 2))).toEqual(['2026-03-09 10:00', '2026-03-10 10:00']);
  });

  it('follow the rules\' windows on the calendar\'s working dates: none in National Day, the swapped Saturday included', () => {
    const windows = callingWindowsOn(defaultRules().callingWindows, cn);
    expect(show(suggestCallSlots(sh('2026-09-30 17:00'), SHANGHAI, null, 4, windows))).toEqual(['2026-09-30 17:30', '2026-10-08 09:00', '2026-10-08 14:00', '2026-10-09 09:00']);
    expect(show(suggestCallSlots(sh('2026-10-09 17:00'), SHANGHAI, null, 3, windows))).toEqual(['2026-10-09 17:30', '2026-10-10 09:00', '2026-10-10 14:00']);
    // Weekday-specific windows: Friday afternoons only.
    const fridays = callingWindowsOn([{ weekdays: [5], start: 900, end: 960 }], cn);
    const slots = suggestCallSlots(local(BERLIN, '2026-03-02 08:00'), BERLIN, null, 2, fridays);
    expect(show(slots, BERLIN)).toEqual(['2026-03-06 15:00', '2026-03-13 15:00']);
    expect(slots.every((s) => isWorkingDate(cn, at(BERLIN, s).slice(0, 10)))).toBe(true);
  });

  it('fall inside the task\'s due window: a routine callback is not proposed before its window opens, nor after it ends', () => {
    const windows = callingWindowsOn(defaultRules().callingWindows, cn);
    // Delivered Mon 2 March: the +7..15 window opens Mon 9 March. Called early on Tue 3 March.
    const within = { start: sh('2026-03-09 00:00'), end: sh('2026-03-17 23:59') + 59_999 };
    const slots = suggestCallSlots(sh('2026-03-03 10:00'), SHANGHAI, null, 4, windows, undefined, within);
    expect(show(slots)).toEqual(['2026-03-09 09:00', '2026-03-09 14:00', '2026-03-10 09:00', '2026-03-10 14:00']);
    // Without the window they would start the same afternoon, before the window opens.
    expect(show(suggestCallSlots(sh('2026-03-03 10:00'), SHANGHAI, null, 1, windows))).toEqual(['2026-03-03 10:30']);
    // A window ending Tuesday noon leaves only what fits before its end.
    const closing = { start: sh('2026-03-09 00:00'), end: sh('2026-03-10 12:00') };
    expect(show(suggestCallSlots(sh('2026-03-09 16:00'), SHANGHAI, null, 4, windows, undefined, closing))).toEqual(['2026-03-09 16:30', '2026-03-10 09:00']);
    // A window that has ended gives none.
    expect(suggestCallSlots(sh('2026-03-18 10:00'), SHANGHAI, null, 4, windows, undefined, within)).toEqual([]);
  });
});

describe('checking a rescheduled time against the calendar and the calling windows', () => {
  const windows = defaultRules().callingWindows;
  it('refuses a holiday, a rest day and the customer\'s busy hours, each with its reason', () => {
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-10-01 10:00'))).toBe('holiday');
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-03-07 10:00'))).toBe('rest_day');
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-03-09 12:30'))).toBe('outside_calling_hours');
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-03-09 08:59'))).toBe('outside_calling_hours');
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-03-09 18:00'))).toBe('outside_calling_hours');
  });

  it('accepts a calling window on a working day, the swapped Saturday included, in the customer\'s zone', () => {
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-03-09 09:00'))).toBeNull();
    expect(callingTimeProblem(windows, cn, SHANGHAI, sh('2026-10-10 14:30'))).toBeNull();
    // 10:00 in Berlin is 17:00 in Shanghai: inside Berlin's own window.
    expect(callingTimeProblem(windows, cn, BERLIN, local(BERLIN, '2026-03-09 10:00'))).toBeNull();
  });
});
