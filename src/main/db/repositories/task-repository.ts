import type { QueueFilter, QueueGroup, QueueRow } from '../../../shared/api/contract';
import {
  OPEN_TASK_STATUSES,
  type CallbackType,
  type CustomerTier,
  type Disposition,
  type Task,
  type TaskStatus,
} from '../../../shared/domain/model';
import { maskPhone } from '../../../shared/domain/phone';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

interface TaskRow {
  id: string;
  customer_id: string;
  purchase_id: string | null;
  type: CallbackType;
  status: TaskStatus;
  priority: number;
  due_start: number;
  due_end: number;
  attempts: number;
  assigned_agent_id: string | null;
  last_disposition: Disposition | null;
  updated_at: number;
}

const toTask = (row: TaskRow): Task => ({
  id: row.id,
  customerId: row.customer_id,
  purchaseId: row.purchase_id,
  type: row.type,
  status: row.status,
  priority: row.priority,
  dueStart: row.due_start,
  dueEnd: row.due_end,
  attempts: row.attempts,
  assignedAgentId: row.assigned_agent_id,
  lastDisposition: row.last_disposition,
  updatedAt: row.updated_at,
});

/** The instants that split the queue into groups, in the agent's day. */
export interface QueueClock {
  now: number;
  endOfToday: number;
}

interface QueueRowRecord {
  task_id: string;
  customer_id: string;
  customer_name: string;
  phone: string;
  tier: CustomerTier;
  type: CallbackType;
  status: TaskStatus;
  priority: number;
  due_start: number;
  due_end: number;
  attempts: number;
  product: string | null;
}

const isOpen = (status: TaskStatus): number => (OPEN_TASK_STATUSES.includes(status) ? 1 : 0);

export class TaskRepository {
  constructor(private readonly db: Db) {}

  /** `purposeKey`: the planner's key, so planning again never creates this callback twice. */
  insert(task: Task, now: number, purposeKey: string | null = null, ticketId: string | null = null): void {
    const values = [
      task.id, task.customerId, task.purchaseId, task.type, task.status, isOpen(task.status), task.priority, task.dueStart, task.dueEnd,
      task.attempts, task.assignedAgentId, task.lastDisposition, now, task.updatedAt,
    ];
    const columns = `id, customer_id, purchase_id, type, status, is_open, priority, due_start, due_end,
           attempts, assigned_agent_id, last_disposition, created_at, updated_at`;
    // Tasks without a planner key or ticket use only the first schema's columns, as the demo always has.
    if (purposeKey === null && ticketId === null) {
      cached(this.db).prepare(`INSERT INTO callback_tasks (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values);
      return;
    }
    cached(this.db)
      .prepare(`INSERT INTO callback_tasks (${columns}, purpose_key, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...values, purposeKey, ticketId);
  }

  /** My callbacks changed at or after `since`, open or not, with what an alert needs to name them. */
  changedSince(agentId: string, since: number): { id: string; customerName: string; isOpen: boolean; dueStart: number; dueEnd: number; appointment: { at: number; remindAt: number } | null }[] {
    const rows = cached(this.db)
      .prepare(
        `SELECT t.id, c.name AS customer_name, t.is_open, t.due_start, t.due_end, a.at AS appointment_at, a.remind_at
           FROM callback_tasks t JOIN customers c ON c.id = t.customer_id
           LEFT JOIN appointments a ON a.id = (SELECT a2.id FROM appointments a2 WHERE a2.task_id = t.id AND a2.status = 'booked' ORDER BY a2.created_at DESC LIMIT 1)
          WHERE t.updated_at >= ? AND t.assigned_agent_id = ?`,
      )
      .all(since, agentId) as { id: string; customer_name: string; is_open: number; due_start: number; due_end: number; appointment_at: number | null; remind_at: number | null }[];
    return rows.map((r) => ({
      id: r.id, customerName: r.customer_name, isOpen: r.is_open === 1, dueStart: r.due_start, dueEnd: r.due_end,
      appointment: r.appointment_at !== null && r.remind_at !== null ? { at: r.appointment_at, remindAt: r.remind_at } : null,
    }));
  }

  /** The post-resolution callback of this ticket still waiting to be made, if any. */
  openFollowUpOf(ticketId: string): string | null {
    const row = cached(this.db).prepare("SELECT id FROM callback_tasks WHERE ticket_id = ? AND type = 'post_resolution' AND is_open = 1 ORDER BY created_at DESC LIMIT 1").get(ticketId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  assign(taskId: string, agentId: string, now: number): void {
    cached(this.db).prepare('UPDATE callback_tasks SET assigned_agent_id = ?, updated_at = ? WHERE id = ?').run(agentId, now, taskId);
  }

  get(id: string): Task | null {
    const row = cached(this.db).prepare('SELECT * FROM callback_tasks WHERE id = ?').get(id) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  updateOutcome(
    id: string,
    change: { status: TaskStatus; attempts: number; lastDisposition: Disposition; dueStart: number; dueEnd: number },
    now: number,
  ): void {
    cached(this.db)
      .prepare(
        `UPDATE callback_tasks SET status = ?, is_open = ?, attempts = ?, last_disposition = ?, due_start = ?, due_end = ?,
           updated_at = ? WHERE id = ?`,
      )
      .run(change.status, isOpen(change.status), change.attempts, change.lastDisposition, change.dueStart, change.dueEnd, now, id);
  }

  count(): number {
    return (cached(this.db).prepare('SELECT count(*) AS n FROM callback_tasks').get() as { n: number }).n;
  }

  /** One page of the queue, in queue order. Counting is separate (queueCounts): it is the slow part. */
  queuePage(
    agentId: string,
    filter: QueueFilter,
    group: QueueGroup | undefined,
    clock: QueueClock,
    offset: number,
    limit: number,
  ): QueueRow[] {
    const where = queueWhere(agentId, filter, group, clock);
    const rows = this.statement(
      `SELECT t.id AS task_id, t.customer_id, c.name AS customer_name, c.phone, c.tier, t.type, t.status, t.priority,
              t.due_start, t.due_end, t.attempts, p.model AS product
         FROM callback_tasks t INDEXED BY tasks_queue
         JOIN customers c ON c.id = t.customer_id
         LEFT JOIN purchases p ON p.id = t.purchase_id
        WHERE ${where.sql}
        ORDER BY t.priority, t.due_end, t.id
        LIMIT ? OFFSET ?`,
    ).all(...where.params, limit, offset) as QueueRowRecord[];
    return rows.map((r) => ({
      taskId: r.task_id,
      customerId: r.customer_id,
      customerName: r.customer_name,
      phoneMasked: maskPhone(r.phone),
      tier: r.tier,
      type: r.type,
      status: r.status,
      priority: r.priority,
      dueStart: r.due_start,
      dueEnd: r.due_end,
      attempts: r.attempts,
      product: r.product,
      group: groupOf(r.due_start, r.due_end, clock),
    }));
  }

  queueCounts(agentId: string, filter: QueueFilter, clock: QueueClock): Record<QueueGroup, number> {
    const where = queueWhere(agentId, filter, undefined, clock);
    const row = this.statement(
      `SELECT sum(t.due_end < ?) AS overdue,
              sum(t.due_end >= ? AND t.due_start < ?) AS today,
              sum(t.due_end >= ? AND t.due_start >= ?) AS upcoming
         FROM callback_tasks t INDEXED BY tasks_queue
         JOIN customers c ON c.id = t.customer_id
        WHERE ${where.sql}`,
    ).get(clock.now, clock.now, clock.endOfToday, clock.now, clock.endOfToday, ...where.params) as Record<QueueGroup, number | null>;
    return { overdue: row.overdue ?? 0, today: row.today ?? 0, upcoming: row.upcoming ?? 0 };
  }

  /** Queue SQL varies only with which filters are set: each shape stays prepared (the queue is read on every scroll). */
  private statement(sql: string): Statement {
    return cached(this.db).prepare(sql);
  }
}

export function groupOf(dueStart: number, dueEnd: number, clock: QueueClock): QueueGroup {
  if (dueEnd < clock.now) return 'overdue';
  return dueStart < clock.endOfToday ? 'today' : 'upcoming';
}

function queueWhere(
  agentId: string,
  filter: QueueFilter,
  group: QueueGroup | undefined,
  clock: QueueClock,
): { sql: string; params: unknown[] } {
  const clauses = ['t.assigned_agent_id = ?'];
  const params: unknown[] = [agentId];
  if (filter.statuses && filter.statuses.length > 0) {
    const open = filter.statuses.every((s) => OPEN_TASK_STATUSES.includes(s));
    // Keep the index prefix usable when every asked-for status is an open one.
    if (open) clauses.push('t.is_open = 1');
    clauses.push(`t.status IN (${filter.statuses.map(() => '?').join(', ')})`);
    params.push(...filter.statuses);
  } else {
    clauses.push('t.is_open = 1');
  }
  if (filter.types && filter.types.length > 0) {
    clauses.push(`t.type IN (${filter.types.map(() => '?').join(', ')})`);
    params.push(...filter.types);
  }
  if (filter.tiers && filter.tiers.length > 0) {
    clauses.push(`c.tier IN (${filter.tiers.map(() => '?').join(', ')})`);
    params.push(...filter.tiers);
  }
  const search = filter.search?.trim();
  if (search) {
    if (/^\d{1,11}$/.test(search)) {
      // Digits: the end of the phone number (agents type what the customer reads out).
      clauses.push(search.length <= 4 ? "c.phone_tail LIKE ? ESCAPE '\\'" : "c.phone LIKE ? ESCAPE '\\'");
      params.push(`%${search}`);
    } else {
      clauses.push("c.name LIKE ? ESCAPE '\\'");
      params.push(`%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
  }
  if (group === 'overdue') {
    clauses.push('t.due_end < ?');
    params.push(clock.now);
  } else if (group === 'today') {
    clauses.push('t.due_end >= ? AND t.due_start < ?');
    params.push(clock.now, clock.endOfToday);
  } else if (group === 'upcoming') {
    clauses.push('t.due_end >= ? AND t.due_start >= ?');
    params.push(clock.now, clock.endOfToday);
  }
  return { sql: clauses.join(' AND '), params };
}
