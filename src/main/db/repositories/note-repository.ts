import type { Db } from '../connection';
import { cached } from '../statement-cache';

export interface NoteRecord {
  id: string;
  customerId: string;
  taskId: string | null;
  callId: string | null;
  agentId: string;
  body: string;
}

export class NoteRepository {
  constructor(private readonly db: Db) {}

  /** Notes are saved whole on every autosave; the newest body wins. */
  upsert(note: NoteRecord, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO notes (id, customer_id, task_id, call_id, agent_id, body, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(note.id, note.customerId, note.taskId, note.callId, note.agentId, note.body, now, now);
  }

  get(id: string): NoteRecord | null {
    const row = cached(this.db)
      .prepare('SELECT id, customer_id, task_id, call_id, agent_id, body FROM notes WHERE id = ?')
      .get(id) as
      | { id: string; customer_id: string; task_id: string | null; call_id: string | null; agent_id: string; body: string }
      | undefined;
    return row
      ? { id: row.id, customerId: row.customer_id, taskId: row.task_id, callId: row.call_id, agentId: row.agent_id, body: row.body }
      : null;
  }

  firstForCall(callId: string): NoteRecord | null {
    const row = cached(this.db).prepare('SELECT id FROM notes WHERE call_id = ? ORDER BY created_at, id LIMIT 1').get(callId) as
      | { id: string }
      | undefined;
    return row ? this.get(row.id) : null;
  }
}
