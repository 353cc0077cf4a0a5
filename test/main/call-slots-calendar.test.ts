import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const DAY = 86_400_000;
/** A customer's preferred time would narrow the slots; take one without, whose due window is open now and for two weeks more. */
function anyTaskWithoutPreferredTime(core: Core, now: number): string {
  const taskId = core.db
    .prepare('SELECT t.id FROM callback_tasks t JOIN customers c ON c.id = t.customer_id WHERE c.contact_window_start IS NULL AND t.is_open = 1 LIMIT 1')
    .pluck()
    .get() as string;
  core.db.prepare('UPDATE callback_tasks SET due_start = ?, due_end = ? WHERE id = ?').run(now - DAY, now + 20 * DAY, taskId);
  return taskId;
}

async function startCall(core: Core, taskId: string): Promise<string> {
  return (await call(core, 'call.start', { callId: uuidv7(), taskId, noteId: uuidv7() })).callId;
}
const busy = (callId: string, rescheduleAt: number) => ({ callId, disposition: 'customer_busy', answers: {}, notes: '', satisfaction: null, nps: null, rescheduleAt });
const shanghai = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);

const local = (at: number) => format(new TZDate(at, 'Asia/Shanghai'), 'yyyy-MM-dd HH:mm');

describe('reschedule slots on the working calendar', () => {
  it('suggests no slot in the National Day holiday, and offers the swapped Saturday', async () => {
    // Wednesday 2026-09-30 17:00 in Shanghai; 1-7 October are off, Saturday 10 October is worked.
    const clock = manualClock(Date.UTC(2026, 8, 30, 9, 0));
    const core = startCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const { slots } = await call(core, 'call.suggestSlots', { taskId: anyTaskWithoutPreferredTime(core, clock.now()) });
    const days = slots.map(local);
    expect(days[0]).toBe('2026-09-30 17:30');
    expect(days.slice(1)).toEqual(['2026-10-08 09:00', '2026-10-08 14:00', '2026-10-09 09:00']);
    core.close();

    // Friday 9 October 17:00: the next calling day is the swapped Saturday, not Monday.
    const fridayClock = manualClock(Date.UTC(2026, 9, 9, 9, 0));
    const friday = startCore(tempDir(), fridayClock);
    await call(friday, 'workspace.createDemo', {});
    const next = (await call(friday, 'call.suggestSlots', { taskId: anyTaskWithoutPreferredTime(friday, fridayClock.now()) })).slots.map(local);
    expect(next).toEqual(['2026-10-09 17:30', '2026-10-10 09:00', '2026-10-10 14:00', '2026-10-12 09:00']);
    friday.close();
  });

  it('suggests slots inside the task\'s due window: none before a routine callback\'s window opens; after it only when none is left', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 3, 2, 0)); // Tue 3 March 2026 10:00 Shanghai
    const core = startCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const taskId = anyTaskWithoutPreferredTime(core, clock.now());
    // The +7..15 window of a delivery on 2 March: 9 to 17 March.
    core.db.prepare('UPDATE callback_tasks SET due_start = ?, due_end = ? WHERE id = ?').run(shanghai('2026-03-09 00:00'), shanghai('2026-03-18 00:00') - 1, taskId);
    const inWindow = await call(core, 'call.suggestSlots', { taskId });
    expect(inWindow.withinDueWindow).toBe(true);
    expect(inWindow.slots.map(local)).toEqual(['2026-03-09 09:00', '2026-03-09 14:00', '2026-03-10 09:00', '2026-03-10 14:00']);
    // The window has passed: the next times after now, and the screen says they are after it.
    clock.set(shanghai('2026-03-18 10:00'));
    const late = await call(core, 'call.suggestSlots', { taskId });
    expect(late).toEqual({ slots: expect.any(Array), withinDueWindow: false });
    expect(local(late.slots[0]!)).toBe('2026-03-18 10:30');
    core.close();
  });

  it('refuses a rescheduled time on a holiday, a rest day or in the customer\'s busy hours, with a reason code, and changes nothing', async () => {
    const clock = manualClock(Date.UTC(2026, 8, 29, 2, 0)); // Tue 29 September 2026 10:00 Shanghai
    const core = startCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const taskId = anyTaskWithoutPreferredTime(core, clock.now());
    const callId = await startCall(core, taskId);
    const before = core.db.prepare('SELECT status, due_start, due_end FROM callback_tasks WHERE id = ?').get(taskId);
    for (const [at, code] of [
      ['2026-10-02 10:00', 'reschedule.holiday'],
      ['2026-10-11 10:00', 'reschedule.rest_day'],
      ['2026-09-30 12:30', 'reschedule.outside_calling_hours'],
      ['2026-09-30 19:00', 'reschedule.outside_calling_hours'],
    ] as const) {
      const refused = await core.dispatch('call.finish', busy(callId, shanghai(at)));
      expect(refused, at).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { rescheduleAt: code } } });
    }
    expect(core.db.prepare('SELECT status, due_start, due_end FROM callback_tasks WHERE id = ?').get(taskId)).toEqual(before);
    expect(core.db.prepare('SELECT count(*) FROM appointments WHERE task_id = ?').pluck().get(taskId)).toBe(0);
    // The swapped Saturday 10 October is a working day.
    const done = await call(core, 'call.finish', busy(callId, shanghai('2026-10-10 14:00')));
    expect(done.task).toMatchObject({ status: 'rescheduled', dueStart: shanghai('2026-10-10 14:00') });
    core.close();
  });
});
