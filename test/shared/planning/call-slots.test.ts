import { describe, expect, it } from 'vitest';
import { suggestCallSlots } from '../../../src/shared/planning/call-slots';
import { callingWindowsOn } from '../../../src/shared/planning/calling-windows';
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
});
