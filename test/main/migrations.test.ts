import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openStore } from '../../src/main/db/store';
import { MutationRunner } from '../../src/main/services/mutations';
import { WorkspaceService } from '../../src/main/services/workspace-service';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();

const count = (db: { prepare(sql: string): { get(): unknown } }, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

describe('migration 0002 (tickets and alerts)', () => {
  it('migrates a version-1 store full of real rows, and its customers then take tickets', async () => {
    const dir = tempDir();
    const clock = manualClock();
    // What the first release left on disk: schema version 1 with the demo workspace written through it.
    const v1 = openStore(dir, clock.now, { migrations: MIGRATIONS.slice(0, 1) });
    new WorkspaceService(v1.db, clock, new MutationRunner(v1.db, clock, () => undefined)).createDemo();
    const before = {
      tasks: count(v1.db, 'SELECT count(*) AS n FROM callback_tasks'),
      calls: count(v1.db, 'SELECT count(*) AS n FROM calls'),
      outbox: count(v1.db, 'SELECT count(*) AS n FROM outbox'),
    };
    expect(v1.db.pragma('user_version', { simple: true })).toBe(1);
    v1.db.close();

    const core = startCore(dir, clock);
    expect(core.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(count(core.db, 'SELECT count(*) AS n FROM callback_tasks')).toBe(before.tasks);
    expect(count(core.db, 'SELECT count(*) AS n FROM calls')).toBe(before.calls);
    expect(count(core.db, 'SELECT count(*) AS n FROM outbox')).toBe(before.outbox);
    expect(count(core.db, 'SELECT count(*) AS n FROM callback_tasks WHERE ticket_id IS NOT NULL')).toBe(0);

    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
    const opened = await call(core, 'task.open', { taskId: rows[0]!.taskId });
    const ticket = await call(core, 'ticket.create', {
      ticketId: uuidv7(), kind: 'service_request', customerId: opened.task.customerId, purchaseId: opened.task.purchaseId, callId: null,
      channel: 'hotline', scenario: 'fault_repair', category: 'quality_fault', demand: 'repair', severity: 'general',
      symptom: '洗衣机脱水时噪音很大', ownerAgentId: null, department: '',
    });
    expect(ticket).toMatchObject({ status: 'registered', customerName: opened.detail.customer.name });
    expect((await call(core, 'ticket.forCustomer', { customerId: opened.task.customerId })).rows.map((r) => r.id)).toEqual([ticket.id]);
    core.close();
  });
});

describe('migration 0003 (planning and import)', () => {
  it('keys the follow-up callbacks of issues closed under version 2, and a second closing gets its own', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const v2 = openStore(dir, clock.now, { migrations: MIGRATIONS.slice(0, 2) });
    new WorkspaceService(v2.db, clock, new MutationRunner(v2.db, clock, () => undefined)).createDemo();
    // What version 2 wrote when an issue closed: the ticket and its post-resolution callback.
    const customer = v2.db.prepare('SELECT id FROM customers LIMIT 1').get() as { id: string };
    const agent = (v2.db.prepare("SELECT value FROM settings WHERE key = 'current_agent_id'").get() as { value: string }).value;
    const ticketId = uuidv7();
    const taskId = uuidv7();
    const closedAt = clock.now();
    v2.db.prepare(
      `INSERT INTO tickets (id, number, kind, customer_id, channel, scenario, category, demand, severity, policy_id, symptom, warranty_status,
         owner_agent_id, status, is_open, registered_at, closed_at, created_at, updated_at)
       VALUES (?, 'SR20261123-ABCD-001', 'service_request', ?, 'hotline', 'fault_repair', 'quality_fault', 'repair', 'general', 'default', '不制冷',
         'unknown', ?, 'closed', 0, ?, ?, ?, ?)`,
    ).run(ticketId, customer.id, agent, closedAt - 3_600_000, closedAt, closedAt, closedAt);
    v2.db.prepare(
      `INSERT INTO callback_tasks (id, customer_id, type, status, is_open, priority, due_start, due_end, assigned_agent_id, ticket_id, created_at, updated_at)
       VALUES (?, ?, 'post_resolution', 'pending', 1, 2, ?, ?, ?, ?, ?, ?)`,
    ).run(taskId, customer.id, closedAt, closedAt + 3 * 86_400_000, agent, ticketId, closedAt, closedAt);
    const tasksBefore = count(v2.db, 'SELECT count(*) AS n FROM callback_tasks');
    v2.db.close();

    const core = startCore(dir, clock);
    expect(count(core.db, 'SELECT count(*) AS n FROM callback_tasks')).toBe(tasksBefore);
    expect(core.db.prepare('SELECT purpose_key FROM callback_tasks WHERE id = ?').get(taskId)).toEqual({ purpose_key: `post_resolution:${ticketId}:${closedAt}` });
    expect(count(core.db, 'SELECT count(*) AS n FROM callback_tasks WHERE purpose_key IS NOT NULL')).toBe(1);
    // Reopened and closed again while that callback is still open: it serves, no duplicate.
    const closeAgain = async () => {
      await call(core, 'ticket.transition', { ticketId, action: 'reopen', reason: '客户再次反映' });
      await call(core, 'ticket.transition', { ticketId, action: 'propose_solution', solution: '更换压缩机' });
      await call(core, 'ticket.transition', { ticketId, action: 'execute' });
      await call(core, 'ticket.transition', { ticketId, action: 'confirm' });
      return call(core, 'ticket.transition', { ticketId, action: 'close', closingRating: 'satisfied' });
    };
    clock.advance(86_400_000);
    expect((await closeAgain()).followUpTaskId).toBe(taskId);
    expect(count(core.db, `SELECT count(*) AS n FROM callback_tasks WHERE ticket_id = '${ticketId}'`)).toBe(1);
    // Once it was made, the next closing gets a follow-up of its own, with its own key.
    core.db.prepare("UPDATE callback_tasks SET status = 'completed', is_open = 0 WHERE id = ?").run(taskId);
    clock.advance(86_400_000);
    const closed = await closeAgain();
    expect(closed.followUpTaskId).not.toBe(taskId);
    expect(count(core.db, `SELECT count(*) AS n FROM callback_tasks WHERE ticket_id = '${ticketId}'`)).toBe(2);
    core.close();
  });
});

describe('migration 0004 (sync)', () => {
  it('keeps every outbox entry of a version-3 store in order, and new sequence numbers are never reused', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const v3 = openStore(dir, clock.now, { migrations: MIGRATIONS.slice(0, 3) });
    new WorkspaceService(v3.db, clock, new MutationRunner(v3.db, clock, () => undefined)).createDemo();
    const before = v3.db.prepare('SELECT seq, mutation_id, name, args, created_at FROM outbox ORDER BY seq').all();
    expect(before.length).toBeGreaterThan(0);
    v3.db.close();

    const core = startCore(dir, clock);
    expect(core.db.prepare('SELECT seq, mutation_id, name, args, created_at FROM outbox ORDER BY seq').all()).toEqual(before);
    // Acknowledged entries are deleted; the next mutation must still get a higher number.
    const last = (before.at(-1) as { seq: number }).seq;
    core.db.prepare('DELETE FROM outbox').run();
    await call(core, 'settings.update', { doNotDisturb: true });
    const next = core.db.prepare('SELECT seq FROM outbox').get() as { seq: number };
    expect(next.seq).toBe(last + 1);
    core.close();
  });
});
