import type { Escalation, TicketStatus, TimelineEntry } from '../../../shared/tickets/ticket-model';
import type {
  Category,
  Channel,
  ClosingRating,
  Compensation,
  Demand,
  Scenario,
  TicketKind,
  TicketStep,
  TimelineKind,
  WarrantyStatus,
} from '../../../shared/tickets/ticket-model';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

/** A ticket as stored, before the SLA clock is applied to it. */
export interface TicketRecord {
  id: string;
  number: string;
  kind: TicketKind;
  customerId: string;
  customerName: string;
  purchaseId: string | null;
  product: string | null;
  serialNo: string | null;
  warrantyStatus: WarrantyStatus;
  callId: string | null;
  channel: Channel;
  scenario: Scenario;
  category: Category;
  demand: Demand;
  severity: string;
  policyId: string;
  symptom: string;
  ownerAgentId: string | null;
  ownerName: string | null;
  department: string;
  status: TicketStatus;
  registeredAt: number;
  respondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  pausedSince: number | null;
  /** Ended waiting-for-customer spans. */
  pauses: [number, number][];
  solution: string | null;
  compensations: Compensation[];
  approvalRequired: boolean;
  approvedBy: string | null;
  closingRating: ClosingRating | null;
  durationMs: number | null;
  followUpTaskId: string | null;
  /** When it reached the centre; registeredAt for issues registered before this was kept. */
  receivedAt: number;
  /** Steps recorded on it, in order (field service, customer told, ...): they stop the policy's rules. */
  steps: { step: TicketStep; at: number }[];
  legalHoldAt: number | null;
  legalHoldBy: string | null;
  legalHoldReason: string | null;
  escalationLevel: number;
  updatedAt: number;
}

interface TicketRow {
  id: string;
  number: string;
  kind: TicketKind;
  customer_id: string;
  customer_name: string;
  purchase_id: string | null;
  product: string | null;
  serial_no: string | null;
  warranty_status: WarrantyStatus;
  call_id: string | null;
  channel: Channel;
  scenario: Scenario;
  category: Category;
  demand: Demand;
  severity: string;
  policy_id: string;
  symptom: string;
  owner_agent_id: string | null;
  owner_name: string | null;
  department: string;
  status: TicketStatus;
  registered_at: number;
  responded_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  paused_since: number | null;
  pauses: string;
  solution: string | null;
  compensations: string;
  approval_required: number;
  approved_by: string | null;
  closing_rating: ClosingRating | null;
  duration_ms: number | null;
  follow_up_task_id: string | null;
  received_at: number | null;
  steps: string | null;
  legal_hold_at: number | null;
  legal_hold_by: string | null;
  legal_hold_reason: string | null;
  escalation_level: number;
  updated_at: number;
}

const toRecord = (r: TicketRow): TicketRecord => ({
  id: r.id,
  number: r.number,
  kind: r.kind,
  customerId: r.customer_id,
  customerName: r.customer_name,
  purchaseId: r.purchase_id,
  product: r.product,
  serialNo: r.serial_no,
  warrantyStatus: r.warranty_status,
  callId: r.call_id,
  channel: r.channel,
  scenario: r.scenario,
  category: r.category,
  demand: r.demand,
  severity: r.severity,
  policyId: r.policy_id,
  symptom: r.symptom,
  ownerAgentId: r.owner_agent_id,
  ownerName: r.owner_name,
  department: r.department,
  status: r.status,
  registeredAt: r.registered_at,
  respondedAt: r.responded_at,
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
  pausedSince: r.paused_since,
  pauses: JSON.parse(r.pauses) as [number, number][],
  solution: r.solution,
  compensations: JSON.parse(r.compensations) as Compensation[],
  approvalRequired: r.approval_required === 1,
  approvedBy: r.approved_by,
  closingRating: r.closing_rating,
  durationMs: r.duration_ms,
  followUpTaskId: r.follow_up_task_id,
  receivedAt: r.received_at ?? r.registered_at,
  steps: JSON.parse(r.steps ?? '[]') as TicketRecord['steps'],
  legalHoldAt: r.legal_hold_at,
  legalHoldBy: r.legal_hold_by,
  legalHoldReason: r.legal_hold_reason,
  escalationLevel: r.escalation_level,
  updatedAt: r.updated_at,
});

const SELECT_TICKET = `
  SELECT t.*, c.name AS customer_name, a.name AS owner_name,
         CASE WHEN p.id IS NULL THEN NULL ELSE p.product_line || ' ' || p.model END AS product, p.serial_no AS serial_no,
         (SELECT coalesce(max(e.level), 0) FROM ticket_escalations e WHERE e.ticket_id = t.id) AS escalation_level
    FROM tickets t
    JOIN customers c ON c.id = t.customer_id
    LEFT JOIN agents a ON a.id = t.owner_agent_id
    LEFT JOIN purchases p ON p.id = t.purchase_id`;

/** What registering writes; the rest of a record starts empty. */
export type NewTicket = Pick<
  TicketRecord,
  | 'id' | 'number' | 'kind' | 'customerId' | 'purchaseId' | 'callId' | 'channel' | 'scenario' | 'category' | 'demand' | 'severity'
  | 'policyId' | 'symptom' | 'warrantyStatus' | 'ownerAgentId' | 'department' | 'approvalRequired' | 'registeredAt'
> & { receivedAt?: number };

/** Columns a lifecycle step may change; anything left out stays as it is. */
export type TicketChange = Partial<
  Pick<
    TicketRecord,
    | 'status' | 'severity' | 'respondedAt' | 'resolvedAt' | 'closedAt' | 'pausedSince' | 'pauses' | 'solution' | 'compensations'
    | 'approvalRequired' | 'approvedBy' | 'closingRating' | 'durationMs' | 'followUpTaskId' | 'steps' | 'legalHoldAt' | 'legalHoldBy'
    | 'legalHoldReason'
  >
>;

const CHANGE_COLUMNS: Record<keyof TicketChange, { column: string; encode?: (v: unknown) => unknown }> = {
  status: { column: 'status' },
  severity: { column: 'severity' },
  respondedAt: { column: 'responded_at' },
  resolvedAt: { column: 'resolved_at' },
  closedAt: { column: 'closed_at' },
  pausedSince: { column: 'paused_since' },
  pauses: { column: 'pauses', encode: (v) => JSON.stringify(v) },
  solution: { column: 'solution' },
  compensations: { column: 'compensations', encode: (v) => JSON.stringify(v) },
  approvalRequired: { column: 'approval_required', encode: (v) => (v ? 1 : 0) },
  approvedBy: { column: 'approved_by' },
  closingRating: { column: 'closing_rating' },
  durationMs: { column: 'duration_ms' },
  followUpTaskId: { column: 'follow_up_task_id' },
  steps: { column: 'steps', encode: (v) => JSON.stringify(v) },
  legalHoldAt: { column: 'legal_hold_at' },
  legalHoldBy: { column: 'legal_hold_by' },
  legalHoldReason: { column: 'legal_hold_reason' },
};

export interface NewTimelineEntry {
  id: string;
  ticketId: string;
  at: number;
  agentId: string | null;
  kind: TimelineKind;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  body: string;
  data: TimelineEntry['data'];
}

export class TicketRepository {
  constructor(private readonly db: Db) {}

  insert(t: NewTicket, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO tickets (id, number, kind, customer_id, purchase_id, call_id, channel, scenario, category, demand, severity,
           policy_id, symptom, warranty_status, owner_agent_id, department, status, is_open, registered_at, received_at, approval_required,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', 1, ?, ?, ?, ?, ?)`,
      )
      .run(
        t.id, t.number, t.kind, t.customerId, t.purchaseId, t.callId, t.channel, t.scenario, t.category, t.demand, t.severity,
        t.policyId, t.symptom, t.warrantyStatus, t.ownerAgentId, t.department, t.registeredAt, t.receivedAt ?? t.registeredAt, t.approvalRequired ? 1 : 0, now, now,
      );
  }

  get(id: string): TicketRecord | null {
    const row = cached(this.db).prepare(`${SELECT_TICKET} WHERE t.id = ?`).get(id) as TicketRow | undefined;
    return row ? toRecord(row) : null;
  }

  exists(id: string): boolean {
    return cached(this.db).prepare('SELECT 1 FROM tickets WHERE id = ?').get(id) !== undefined;
  }

  update(id: string, change: TicketChange, now: number): void {
    const sets: string[] = ['updated_at = ?'];
    const values: unknown[] = [now];
    for (const [key, value] of Object.entries(change) as [keyof TicketChange, unknown][]) {
      const spec = CHANGE_COLUMNS[key];
      sets.push(`${spec.column} = ?`);
      values.push(spec.encode ? spec.encode(value) : value);
    }
    if (change.status) {
      sets.push('is_open = ?');
      values.push(change.status === 'closed' || change.status === 'voided' ? 0 : 1);
    }
    cached(this.db).prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  /** Newest first; `ownerId` null lists everyone's. */
  list(ownerId: string | null, state: 'open' | 'closed' | 'all', offset: number, limit: number): { rows: TicketRecord[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (ownerId) {
      where.push('t.owner_agent_id = ?');
      args.push(ownerId);
    }
    if (state !== 'all') {
      where.push('t.is_open = ?');
      args.push(state === 'open' ? 1 : 0);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = cached(this.db)
      .prepare(`${SELECT_TICKET} ${clause} ORDER BY t.registered_at DESC, t.id LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as TicketRow[];
    const total = (cached(this.db).prepare(`SELECT count(*) AS n FROM tickets t ${clause}`).get(...args) as { n: number }).n;
    return { rows: rows.map(toRecord), total };
  }

  forCustomer(customerId: string): TicketRecord[] {
    return (cached(this.db).prepare(`${SELECT_TICKET} WHERE t.customer_id = ? ORDER BY t.registered_at DESC`).all(customerId) as TicketRow[]).map(toRecord);
  }

  /** Open tickets changed at or after `since` (all open ones for 0): what the SLA watcher must reschedule. */
  openChangedSince(since: number): TicketRecord[] {
    return (cached(this.db).prepare(`${SELECT_TICKET} WHERE t.is_open = 1 AND t.updated_at >= ?`).all(since) as TicketRow[]).map(toRecord);
  }

  /** Ids of tickets closed or voided at or after `since`, so the watcher can drop their thresholds. */
  closedChangedSince(since: number): string[] {
    return (cached(this.db).prepare('SELECT id FROM tickets WHERE is_open = 0 AND updated_at >= ?').all(since) as { id: string }[]).map((r) => r.id);
  }

  /** The next number of the day for a prefix such as `CP20261123-K7QD`; one per call, never reused. */
  nextNumber(prefix: string): number {
    const row = cached(this.db)
      .prepare('INSERT INTO ticket_number_seq (prefix, last) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last')
      .get(prefix) as { last: number };
    return row.last;
  }

  addEvent(e: NewTimelineEntry): void {
    cached(this.db)
      .prepare('INSERT INTO ticket_events (id, ticket_id, at, agent_id, kind, from_status, to_status, body, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.id, e.ticketId, e.at, e.agentId, e.kind, e.fromStatus, e.toStatus, e.body, JSON.stringify(e.data));
  }

  eventExists(id: string): boolean {
    return cached(this.db).prepare('SELECT 1 FROM ticket_events WHERE id = ?').get(id) !== undefined;
  }

  timeline(ticketId: string): TimelineEntry[] {
    const rows = cached(this.db)
      .prepare(
        `SELECT e.*, coalesce(a.name, '') AS agent_name FROM ticket_events e LEFT JOIN agents a ON a.id = e.agent_id
          WHERE e.ticket_id = ? ORDER BY e.at, e.rowid`,
      )
      .all(ticketId) as {
      id: string; ticket_id: string; at: number; agent_name: string; kind: TimelineKind;
      from_status: TicketStatus | null; to_status: TicketStatus | null; body: string; data: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      at: r.at,
      agentName: r.agent_name,
      kind: r.kind,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      body: r.body,
      data: JSON.parse(r.data) as TimelineEntry['data'],
    }));
  }

  escalations(ticketId: string): Escalation[] {
    const rows = cached(this.db)
      .prepare('SELECT level, role, reason, started_at, due_at, done_at FROM ticket_escalations WHERE ticket_id = ? ORDER BY level')
      .all(ticketId) as { level: number; role: Escalation['role']; reason: Escalation['reason']; started_at: number; due_at: number; done_at: number | null }[];
    return rows.map((r) => ({ level: r.level, role: r.role, reason: r.reason, startedAt: r.started_at, dueAt: r.due_at, doneAt: r.done_at }));
  }

  addEscalation(ticketId: string, e: Escalation): void {
    cached(this.db)
      .prepare('INSERT INTO ticket_escalations (ticket_id, level, role, reason, started_at, due_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(ticketId, e.level, e.role, e.reason, e.startedAt, e.dueAt, e.doneAt);
  }

  /** A ticket under legal handling that was registered from this call: its call notes are evidence, frozen. */
  heldTicketOfCall(callId: string): string | null {
    const row = cached(this.db).prepare('SELECT number FROM tickets WHERE call_id = ? AND legal_hold_at IS NOT NULL LIMIT 1').get(callId) as { number: string } | undefined;
    return row?.number ?? null;
  }

  /** Adds a level, or starts it over (a dissatisfied customer's follow-up replaces an earlier ladder). */
  putEscalation(ticketId: string, e: Escalation): void {
    cached(this.db)
      .prepare(
        `INSERT INTO ticket_escalations (ticket_id, level, role, reason, started_at, due_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (ticket_id, level) DO UPDATE SET role = excluded.role, reason = excluded.reason, started_at = excluded.started_at,
           due_at = excluded.due_at, done_at = excluded.done_at`,
      )
      .run(ticketId, e.level, e.role, e.reason, e.startedAt, e.dueAt, e.doneAt);
  }

  /** Levels above `level` still running are done now. */
  finishEscalationsAbove(ticketId: string, level: number, at: number): void {
    cached(this.db).prepare('UPDATE ticket_escalations SET done_at = ? WHERE ticket_id = ? AND level > ? AND done_at IS NULL').run(at, ticketId, level);
  }

  /** Levels up to `level` that are still running are done now. */
  finishEscalationsUpTo(ticketId: string, level: number, at: number): void {
    cached(this.db).prepare('UPDATE ticket_escalations SET done_at = ? WHERE ticket_id = ? AND level <= ? AND done_at IS NULL').run(at, ticketId, level);
  }

  /** Escalation levels still running are done once the ticket is closed. */
  finishEscalations(ticketId: string, at: number): void {
    cached(this.db).prepare('UPDATE ticket_escalations SET done_at = ? WHERE ticket_id = ? AND done_at IS NULL').run(at, ticketId);
  }
}
