import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { Alert } from '../../src/shared/api/alert-contract';
import { fakeTimers } from '../support/fake-timers';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, REPO_ROOT, startCore } from '../support/test-core';

const tempDir = useTempDirs();
/** An example of the State Council's 2027 list (not the real announcement): Spring Festival 5-13 Feb off, Sat 20 Feb worked. */
const list2027 = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'calendars', 'state-council-2027-example.csv'), 'utf8');
const shanghai = (m: number, d: number, h: number, min = 0): number => new TZDate(2027, m - 1, d, h, min, 'Asia/Shanghai').getTime();
const iso = (ms: number | null | undefined): string => new Date(ms ?? NaN).toISOString();
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

describe('deadlines on provisional days when the official schedule arrives', () => {
  it('a return/exchange issue (004: pickup within 1 working day) moves with the import, and alerts already sent are not sent again', async () => {
    // Thursday 4 February 2027, 10:00: the 2027 holidays are still provisional (eve 5 Feb, days 1-3, made-up 9-10 Feb).
    const clock = manualClock(shanghai(2, 4, 10));
    const timers = fakeTimers(clock);
    core = startCore(tempDir(), clock, undefined, { watch: true, timers: timers.timers });
    const fired: Alert[] = [];
    core.on('alerts.fired', ({ alerts }) => fired.push(...alerts.filter((a) => a.subject === 'ticket')));
    await call(core, 'workspace.createDemo', {});
    const lead = core.db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string };
    core.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead.id);
    await call(core, 'sla.setPreset', { preset: '004' });
    const customerId = (core.db.prepare('SELECT id FROM customers LIMIT 1').get() as { id: string }).id;
    const created = await call(core, 'ticket.create', {
      ticketId: uuidv7(), kind: 'service_request', customerId, purchaseId: null, callId: null, channel: 'hotline', scenario: 'return_exchange',
      category: 'quality_fault', demand: 'exchange', severity: 'general', symptom: '新买的冰箱外壳有凹痕，要求换货', ownerAgentId: null, department: '',
    });
    const pickup = (ticket: { rules: { key: string; dueAt: number | null }[] }) => ticket.rules.find((rule) => rule.key === 'pickup')?.dueAt ?? null;
    // The close of the next working day after the provisional Spring Festival: Thursday 11 February 18:00.
    expect(iso(pickup(created))).toBe(iso(shanghai(2, 11, 18)));

    // Its warnings fire on 11 February, before the provisional due time.
    timers.runUntil(shanghai(2, 11, 17, 59));
    const before = fired.filter((a) => a.thresholdId.includes('pickup'));
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((a) => a.kind === 'warning')).toBe(true);

    // The official list is imported: the Spring Festival runs to 13 February, so the pickup is due Monday 15 February 18:00.
    await call(core, 'calendar.importSchedule', { fileName: 'state-council-2027.csv', text: list2027 });
    const moved = await call(core, 'ticket.get', { ticketId: created.id });
    expect(iso(pickup(moved.ticket))).toBe(iso(shanghai(2, 15, 18)));

    // Past the old due time nothing fires; at the new one only the breach does, and no warning twice.
    timers.runUntil(shanghai(2, 15, 18, 1));
    const after = fired.filter((a) => a.thresholdId.includes('pickup'));
    const ids = after.map((a) => a.thresholdId);
    expect(new Set(ids).size).toBe(ids.length);
    const breach = after.filter((a) => a.kind === 'breach');
    expect(breach).toHaveLength(1);
    expect(iso(breach[0]!.thresholdAt)).toBe(iso(shanghai(2, 15, 18)));
    expect(after.filter((a) => a.kind === 'warning')).toEqual(before);
  });
});
