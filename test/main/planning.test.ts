import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});
const local = (at: number) => format(new TZDate(at, 'Asia/Shanghai'), 'yyyy-MM-dd EEE HH:mm');
const count = (c: Core, sql: string, ...args: unknown[]) => (c.db.prepare(sql).get(...args) as { n: number }).n;

async function demo(clock = manualClock()) {
  core = startCore(tempDir(), clock);
  await call(core, 'workspace.createDemo', {});
  return core;
}

/** One of my open callbacks, its customer in Shanghai without a preferred time, so windows are the rules' own. */
function myTask(c: Core): string {
  return (
    c.db
      .prepare(
        `SELECT t.id FROM callback_tasks t JOIN customers c ON c.id = t.customer_id
          WHERE t.is_open = 1 AND t.attempts = 0 AND c.contact_window_start IS NULL AND c.time_zone = 'Asia/Shanghai'
            AND t.assigned_agent_id = (SELECT value FROM settings WHERE key = 'current_agent_id') LIMIT 1`,
      )
      .get() as { id: string }
  ).id;
}

async function callAndFinish(c: Core, taskId: string, finish: Record<string, unknown>) {
  const draft = await call(c, 'call.start', { callId: uuidv7(), taskId, noteId: uuidv7() });
  return call(c, 'call.finish', { callId: draft.callId, answers: {}, notes: '', satisfaction: null, nps: null, rescheduleAt: null, ...finish });
}

describe('callback planning in the core', () => {
  it('plans what the deliveries imply, assigns it, and a second run creates nothing', async () => {
    const c = await demo();
    const before = count(c, 'SELECT count(*) AS n FROM callback_tasks');
    const first = await call(c, 'planning.run', {});
    expect(first.created).toBeGreaterThan(0);
    expect(count(c, 'SELECT count(*) AS n FROM callback_tasks')).toBe(before + first.created);
    expect(count(c, 'SELECT count(*) AS n FROM callback_tasks WHERE purpose_key IS NOT NULL AND assigned_agent_id IS NULL')).toBe(0);
    const second = await call(c, 'planning.run', {});
    expect(second.created).toBe(0);
    expect(count(c, 'SELECT count(*) AS n FROM callback_tasks')).toBe(before + first.created);
  });

  it('retries an unanswered callback by the rules: +2 h in a calling window, next working day, +2 working days, then unreachable', async () => {
    // Friday 2026-09-25 16:30 in Shanghai, National Day (1-7 Oct) ahead: +2 h is after hours, so Monday;
    // then the next working day; then two working days on, which skips the holiday.
    const clock = manualClock(Date.UTC(2026, 8, 25, 8, 30));
    const c = await demo(clock);
    const taskId = myTask(c);
    const dues: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { task } = await callAndFinish(c, taskId, { disposition: 'no_answer' });
      expect(task.status).toBe('retry');
      dues.push(local(task.dueStart));
      clock.set(task.dueStart);
    }
    expect(dues).toEqual(['2026-09-28 Mon 09:00', '2026-09-29 Tue 09:00', '2026-10-08 Thu 09:00']);
    const { task } = await callAndFinish(c, taskId, { disposition: 'no_answer' });
    expect(task).toMatchObject({ status: 'unreachable', attempts: 4 });
  });

  it('books a busy customer: appointment, the agent reminded, and the SMS queued in the outbox without a gateway', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 23, 2, 0)); // Monday 10:00
    const c = await demo(clock);
    const taskId = myTask(c);
    const at = Date.UTC(2026, 10, 24, 2, 0); // tomorrow 10:00
    const { task } = await callAndFinish(c, taskId, { disposition: 'customer_busy', rescheduleAt: at });
    expect(task).toMatchObject({ status: 'rescheduled', dueStart: at });
    expect(c.db.prepare('SELECT at, remind_at, status FROM appointments WHERE task_id = ?').get(taskId)).toEqual({ at, remind_at: at - 10 * 60_000, status: 'booked' });
    const outbox = await call(c, 'messages.list', { limit: 10 });
    expect(outbox.gatewayConfigured).toBe(false);
    expect(outbox.counts.queued).toBe(1);
    expect(outbox.rows[0]).toMatchObject({ taskId, status: 'queued', body: expect.stringContaining('明天 10:00') });
    expect(outbox.rows[0]!.body).not.toMatch(/\d{11}/);
  });

  it('queues the appointment SMS the day before the agreed call (10:00 the customer\'s day before), by the core\'s clock, not at booking', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 23, 2, 0)); // Monday 23 November 10:00 Shanghai
    const c = await demo(clock);
    const taskId = myTask(c);
    const at = Date.UTC(2026, 10, 26, 2, 0); // Thursday 10:00
    await callAndFinish(c, taskId, { disposition: 'customer_busy', rescheduleAt: at });
    const queued = async () => (await call(c, 'messages.list', { limit: 10 })).rows.filter((m) => m.taskId === taskId);
    expect(await queued()).toEqual([]);
    // Wednesday 09:59: not yet.
    clock.set(Date.UTC(2026, 10, 25, 1, 59));
    c.clockChanged();
    expect(await queued()).toEqual([]);
    // Wednesday 10:00: in the outbox, saying "tomorrow".
    clock.set(Date.UTC(2026, 10, 25, 2, 0));
    c.clockChanged();
    const rows = await queued();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'queued', createdAt: clock.now(), body: expect.stringContaining('明天 10:00') });
    // Once only.
    clock.advance(60_000);
    c.clockChanged();
    expect(await queued()).toHaveLength(1);
  });

  it('never sends the day-before SMS of a booking that was replaced, or of a callback finished meanwhile', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 23, 2, 0)); // Monday 10:00
    const c = await demo(clock);
    const [first, second] = c.db
      .prepare(
        `SELECT t.id FROM callback_tasks t JOIN customers c ON c.id = t.customer_id
          WHERE t.is_open = 1 AND t.attempts = 0 AND c.time_zone = 'Asia/Shanghai' AND c.contact_window_start IS NULL
            AND t.assigned_agent_id = (SELECT value FROM settings WHERE key = 'current_agent_id') LIMIT 2`,
      )
      .pluck()
      .all() as string[];
    // First: booked for Thursday, then rebooked for Friday 15:00 -> only Friday's SMS, on Thursday.
    await callAndFinish(c, first!, { disposition: 'customer_busy', rescheduleAt: Date.UTC(2026, 10, 26, 2, 0) });
    await callAndFinish(c, first!, { disposition: 'customer_busy', rescheduleAt: Date.UTC(2026, 10, 27, 7, 0) });
    // Second: booked for Thursday, then the customer called and the callback was completed on Tuesday.
    await callAndFinish(c, second!, { disposition: 'customer_busy', rescheduleAt: Date.UTC(2026, 10, 26, 2, 0) });
    clock.set(Date.UTC(2026, 10, 24, 3, 0));
    await callAndFinish(c, second!, { disposition: 'refused' });
    clock.set(Date.UTC(2026, 10, 26, 2, 0)); // Thursday 10:00
    c.clockChanged();
    const rows = (await call(c, 'messages.list', { limit: 10 })).rows;
    expect(rows.map((m) => [m.taskId, m.body.includes('明天 15:00')])).toEqual([[first, true]]);
    expect(c.db.prepare('SELECT task_id, state FROM appointment_sms ORDER BY created_at').all()).toEqual([
      { task_id: first, state: 'cancelled' },
      { task_id: first, state: 'queued' },
      { task_id: second, state: 'cancelled' },
    ]);
  });

  it('plans key-customer calls for a regular customer with a past complaint (seeds 000/002), from an imported complaint record', async () => {
    const clock = manualClock();
    const c = await demo(clock);
    const customerId = c.db
      .prepare("SELECT id FROM customers c WHERE tier = 'regular' AND NOT EXISTS (SELECT 1 FROM callback_tasks t WHERE t.customer_id = c.id AND t.type = 'key_customer') LIMIT 1")
      .pluck()
      .get() as string;
    await call(c, 'planning.run', {});
    expect(count(c, "SELECT count(*) AS n FROM callback_tasks WHERE customer_id = ? AND type = 'key_customer'", customerId)).toBe(0);
    // What an import of the CRM's closed complaints writes.
    c.db
      .prepare("INSERT INTO service_records (id, customer_id, import_key, kind, closed_on, created_at, updated_at) VALUES (?, ?, ?, 'complaint', '2026-06-01', ?, ?)")
      .run(uuidv7(), customerId, `test:${customerId}`, clock.now(), clock.now());
    await call(c, 'planning.run', {});
    expect(count(c, "SELECT count(*) AS n FROM callback_tasks WHERE customer_id = ? AND type = 'key_customer' AND is_open = 1", customerId)).toBe(1);
  });

  it('lets only a lead reassign a callback', async () => {
    const c = await demo();
    const taskId = myTask(c);
    const other = (c.db.prepare("SELECT id FROM agents WHERE role = 'senior_agent'").get() as { id: string }).id;
    expect(await c.dispatch('task.assign', { taskId, agentId: other })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const lead = (c.db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string }).id;
    c.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead);
    await call(c, 'task.assign', { taskId, agentId: other });
    expect(c.db.prepare('SELECT assigned_agent_id FROM callback_tasks WHERE id = ?').get(taskId)).toEqual({ assigned_agent_id: other });
    expect(await c.dispatch('task.assign', { taskId, agentId: uuidv7() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
