// A malicious complaint is handed to legal by a lead only: the hub refuses the mutation from an
// agent's desktop (mutation-rules.ts), whatever rows it carries, and then refuses any change to
// the evidence.
import { describe, expect, it } from 'vitest';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { login, pushAs } from '../../support/sync-seed';

const hub = useSyncHub();

const ticketRow = (id: string, customerId: string, ownerId: string) => ({
  id, number: `CP20261202-TEST-${id.slice(-3)}`, kind: 'complaint', customer_id: customerId, purchase_id: null, call_id: null, channel: 'hotline',
  scenario: 'service_complaint', category: 'staff_attitude', demand: 'compensation', severity: 'general', policy_id: 'default', symptom: '要求十倍赔偿',
  warranty_status: 'unknown', owner_agent_id: ownerId, department: '', status: 'registered', is_open: 1, registered_at: 1, responded_at: null,
  resolved_at: null, closed_at: null, paused_since: null, pauses: '[]', solution: null, compensations: '[]', approval_required: 1, approved_by: null,
  closing_rating: null, duration_ms: null, follow_up_task_id: null, received_at: 1, steps: '[]', legal_hold_at: null, legal_hold_by: null,
  legal_hold_reason: null, created_at: 1, updated_at: 1,
});

const hold = (id: string) => ({
  name: 'ticket.legal_hold',
  args: { ticketId: id, action: 'legal_hold', reason: '恶意投诉' },
  changes: [
    {
      t: 'tickets', id, op: 'upd' as const,
      f: { status: 'legal_hold', legal_hold_at: 5, legal_hold_by: '安娜', legal_hold_reason: '恶意投诉', updated_at: 5 },
      o: { status: 'registered', legal_hold_at: null, legal_hold_by: null, legal_hold_reason: null, updated_at: 1 },
    },
  ],
});

describe('legal handling of a malicious complaint on the hub', () => {
  it('refuses ticket.legal_hold from an agent and leaves the complaint as it was; a lead\'s is applied', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const id = '019ad000-0000-7000-8000-000000000001';
    const created = await pushAs(h.url, ann, 0, [{ name: 'ticket.create', changes: [{ t: 'tickets', id, op: 'ins', f: ticketRow(id, customers[0]!, h.userId.ann) }] }]);
    expect(created.body.rejected).toEqual([]);

    const byAgent = await pushAs(h.url, ann, 1, [hold(id)]);
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.rejected).toEqual([expect.objectContaining({ seq: 2, code: 'forbidden', name: 'ticket.legal_hold', reason: expect.stringContaining('lead') })]);
    const stored = await h.hub.pool.query("SELECT data->>'status' AS status, data->>'legal_hold_at' AS held FROM entities WHERE kind = 'tickets' AND id = $1", [id]);
    expect(stored.rows[0]).toEqual({ status: 'registered', held: null });

    const lead = await login(h.url, 'lead', PASSWORD);
    const byLead = await pushAs(h.url, lead, 0, [hold(id)]);
    expect(byLead.body.rejected).toEqual([]);
    const after = await h.hub.pool.query("SELECT data->>'status' AS status, data->>'legal_hold_reason' AS reason FROM entities WHERE kind = 'tickets' AND id = $1", [id]);
    expect(after.rows[0]).toEqual({ status: 'legal_hold', reason: '恶意投诉' });

    // Its evidence is frozen on the hub too: no new timeline entry, no edit of the issue.
    const entry = { id: '019ad000-0000-7000-8000-0000000000e1', ticket_id: id, at: 6, agent_id: h.userId.ann, kind: 'internal_note', from_status: null, to_status: null, body: '补记', data: '{}' };
    const late = await pushAs(h.url, ann, 2, [
      { name: 'ticket.addEntry', changes: [{ t: 'ticket_events', id: entry.id, op: 'ins', f: entry }] },
      { name: 'ticket.setSeverity', changes: [{ t: 'tickets', id, op: 'upd', f: { severity: 'urgent', updated_at: 7 }, o: { severity: 'general', updated_at: 5 } }] },
    ]);
    expect(late.body.rejected).toEqual([
      expect.objectContaining({ seq: 3, code: 'conflict', reason: expect.stringContaining('evidence_frozen') }),
      expect.objectContaining({ seq: 4, code: 'conflict', reason: expect.stringContaining('evidence_frozen') }),
    ]);
    expect((await h.hub.pool.query("SELECT 1 FROM entities WHERE kind = 'ticket_events' AND id = $1", [entry.id])).rowCount).toBe(0);
  });
});
