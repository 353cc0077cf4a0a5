import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openStore } from '../../src/main/db/store';
import { MutationRunner } from '../../src/main/services/mutations';
import { WorkspaceService } from '../../src/main/services/workspace-service';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();

describe('migration 0006 (ticket rules)', () => {
  it('gives issues of a version-5 store their registration as receipt, no steps and no legal hold, and they take steps after it', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const v5 = openStore(dir, clock.now, { migrations: MIGRATIONS.filter((m) => m.version < 6) });
    new WorkspaceService(v5.db, clock, new MutationRunner(v5.db, clock, () => undefined)).createDemo();
    const customer = v5.db.prepare('SELECT id FROM customers LIMIT 1').get() as { id: string };
    const agent = (v5.db.prepare("SELECT value FROM settings WHERE key = 'current_agent_id'").get() as { value: string }).value;
    const ticketId = uuidv7();
    const registeredAt = clock.now() - 3_600_000;
    v5.db.prepare(
      `INSERT INTO tickets (id, number, kind, customer_id, channel, scenario, category, demand, severity, policy_id, symptom, warranty_status,
         owner_agent_id, status, is_open, registered_at, responded_at, created_at, updated_at)
       VALUES (?, 'CP20261123-ABCD-001', 'complaint', ?, 'hotline', 'service_complaint', 'staff_attitude', 'apology', 'general', 'default', '态度差',
         'unknown', ?, 'responded', 1, ?, ?, ?, ?)`,
    ).run(ticketId, customer.id, agent, registeredAt, registeredAt + 60_000, registeredAt, registeredAt);
    v5.db.close();

    const core = startCore(dir, clock);
    expect(core.db.prepare('SELECT received_at, steps, legal_hold_at, legal_hold_by, legal_hold_reason FROM tickets WHERE id = ?').get(ticketId)).toEqual({
      received_at: registeredAt, steps: null, legal_hold_at: null, legal_hold_by: null, legal_hold_reason: null,
    });
    const { ticket } = await call(core, 'ticket.get', { ticketId });
    expect(ticket).toMatchObject({ receivedAt: registeredAt, steps: [], legalHoldAt: null, status: 'responded' });
    const stepped = await call(core, 'ticket.recordStep', { ticketId, entryId: uuidv7(), step: 'departed' });
    expect(stepped.steps).toEqual([{ step: 'departed', at: clock.now() }]);
    core.close();
  });
});
