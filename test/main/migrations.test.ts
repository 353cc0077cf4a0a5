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
    expect(core.db.pragma('user_version', { simple: true })).toBe(2);
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
