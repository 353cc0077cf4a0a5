import { maskName } from '../../../shared/domain/person-name';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboundMessage {
  id: string;
  customerId: string;
  customerName: string;
  taskId: string | null;
  channel: 'sms';
  body: string;
  status: OutboundStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

interface Row {
  id: string;
  customer_id: string;
  customer_name: string;
  task_id: string | null;
  channel: 'sms';
  body: string;
  status: OutboundStatus;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

const toMessage = (r: Row): OutboundMessage => ({
  id: r.id,
  customerId: r.customer_id,
  // The outbox is a record the whole centre sees: the name masked (张*), as the seeds' records show it.
  customerName: maskName(r.customer_name),
  taskId: r.task_id,
  channel: r.channel,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

const SELECT = 'SELECT m.*, c.name AS customer_name FROM outbound_messages m JOIN customers c ON c.id = m.customer_id';

/** Messages to customers (SMS), queued until a gateway takes them. */
export class OutboundMessageRepository {
  constructor(private readonly db: Db) {}

  queue(m: { id: string; customerId: string; taskId: string | null; body: string }, now: number): void {
    cached(this.db)
      .prepare("INSERT INTO outbound_messages (id, customer_id, task_id, channel, body, status, created_at) VALUES (?, ?, ?, 'sms', ?, 'queued', ?)")
      .run(m.id, m.customerId, m.taskId, m.body, now);
  }

  list(limit: number): OutboundMessage[] {
    return (cached(this.db).prepare(`${SELECT} ORDER BY m.created_at DESC, m.id LIMIT ?`).all(limit) as Row[]).map(toMessage);
  }

  /** The next messages to hand to the gateway, oldest first; failed ones are tried again. */
  sendable(limit: number): OutboundMessage[] {
    return (cached(this.db).prepare(`${SELECT} WHERE m.status IN ('queued', 'failed') ORDER BY m.created_at, m.id LIMIT ?`).all(limit) as Row[]).map(toMessage);
  }

  markSent(id: string, at: number): void {
    cached(this.db).prepare("UPDATE outbound_messages SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?").run(at, id);
  }

  markFailed(id: string, error: string): void {
    cached(this.db).prepare("UPDATE outbound_messages SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error.slice(0, 500), id);
  }

  counts(): Record<OutboundStatus, number> {
    const rows = cached(this.db).prepare('SELECT status, count(*) AS n FROM outbound_messages GROUP BY status').all() as { status: OutboundStatus; n: number }[];
    const out: Record<OutboundStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }
}
