import type { Answers, CallbackType, CallRecord, Disposition } from '../../../shared/domain/model';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

interface CallRow {
  id: string;
  task_id: string;
  customer_id: string;
  agent_id: string;
  agent_name: string;
  callback_type: CallbackType;
  started_at: number;
  ended_at: number | null;
  disposition: Disposition | null;
  script_id: string;
  script_version: number;
  answers: string;
  satisfaction: number | null;
  nps: number | null;
  notes: string | null;
}

const toCall = (row: CallRow): CallRecord => ({
  id: row.id,
  taskId: row.task_id,
  customerId: row.customer_id,
  agentId: row.agent_id,
  agentName: row.agent_name,
  callbackType: row.callback_type,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  disposition: row.disposition,
  scriptId: row.script_id,
  scriptVersion: row.script_version,
  answers: JSON.parse(row.answers) as Answers,
  satisfaction: row.satisfaction,
  nps: row.nps,
  notes: row.notes ?? '',
});

const SELECT_CALL = `
  SELECT k.*, a.name AS agent_name, t.type AS callback_type,
         (SELECT group_concat(n.body, char(10)) FROM notes n WHERE n.call_id = k.id) AS notes
    FROM calls k
    JOIN agents a ON a.id = k.agent_id
    JOIN callback_tasks t ON t.id = k.task_id`;

export interface NewCall {
  id: string;
  taskId: string;
  customerId: string;
  agentId: string;
  startedAt: number;
  scriptId: string;
  scriptVersion: number;
}

export class CallRepository {
  constructor(private readonly db: Db) {}

  insertStarted(call: NewCall, now: number): void {
    cached(this.db)
      .prepare(
        `INSERT INTO calls (id, task_id, customer_id, agent_id, started_at, script_id, script_version, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(call.id, call.taskId, call.customerId, call.agentId, call.startedAt, call.scriptId, call.scriptVersion, now);
  }

  get(id: string): CallRecord | null {
    const row = cached(this.db).prepare(`${SELECT_CALL} WHERE k.id = ?`).get(id) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  /** The call on this task that was started and never finished (the app closed mid-call). */
  openForTask(taskId: string): CallRecord | null {
    const row = cached(this.db)
      .prepare(`${SELECT_CALL} WHERE k.task_id = ? AND k.ended_at IS NULL ORDER BY k.started_at DESC LIMIT 1`)
      .get(taskId) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  saveAnswers(id: string, answers: Answers): void {
    cached(this.db).prepare('UPDATE calls SET answers = ? WHERE id = ?').run(JSON.stringify(answers), id);
  }

  finish(
    id: string,
    outcome: { endedAt: number; disposition: Disposition; answers: Answers; satisfaction: number | null; nps: number | null },
  ): void {
    cached(this.db)
      .prepare('UPDATE calls SET ended_at = ?, disposition = ?, answers = ?, satisfaction = ?, nps = ? WHERE id = ?')
      .run(outcome.endedAt, outcome.disposition, JSON.stringify(outcome.answers), outcome.satisfaction, outcome.nps, id);
  }

  /** Finished calls, newest first: what the customer history shows. */
  listFinishedByCustomer(customerId: string, limit = 200): CallRecord[] {
    const rows = cached(this.db)
      .prepare(`${SELECT_CALL} WHERE k.customer_id = ? AND k.ended_at IS NOT NULL ORDER BY k.started_at DESC LIMIT ?`)
      .all(customerId, limit) as CallRow[];
    return rows.map(toCall);
  }
}
