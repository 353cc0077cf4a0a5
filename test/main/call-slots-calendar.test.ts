import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
/** A customer's preferred time would narrow the slots; take one without. */
function anyTaskWithoutPreferredTime(core: Core): string {
  return (
    core.db
      .prepare('SELECT t.id FROM callback_tasks t JOIN customers c ON c.id = t.customer_id WHERE c.contact_window_start IS NULL AND t.is_open = 1 LIMIT 1')
      .get() as { id: string }
  ).id;
}

const local = (at: number) => format(new TZDate(at, 'Asia/Shanghai'), 'yyyy-MM-dd HH:mm');

describe('reschedule slots on the working calendar', () => {
  it('suggests no slot in the National Day holiday, and offers the swapped Saturday', async () => {
    // Wednesday 2026-09-30 17:00 in Shanghai; 1-7 October are off, Saturday 10 October is worked.
    const core = startCore(tempDir(), manualClock(Date.UTC(2026, 8, 30, 9, 0)));
    await call(core, 'workspace.createDemo', {});
    const { slots } = await call(core, 'call.suggestSlots', { taskId: anyTaskWithoutPreferredTime(core) });
    const days = slots.map(local);
    expect(days[0]).toBe('2026-09-30 17:30');
    expect(days.slice(1)).toEqual(['2026-10-08 09:00', '2026-10-08 14:00', '2026-10-09 09:00']);
    core.close();

    // Friday 9 October 17:00: the next calling day is the swapped Saturday, not Monday.
    const friday = startCore(tempDir(), manualClock(Date.UTC(2026, 9, 9, 9, 0)));
    await call(friday, 'workspace.createDemo', {});
    const next = (await call(friday, 'call.suggestSlots', { taskId: anyTaskWithoutPreferredTime(friday) })).slots.map(local);
    expect(next).toEqual(['2026-10-09 17:30', '2026-10-10 09:00', '2026-10-10 14:00', '2026-10-12 09:00']);
    friday.close();
  });
});
