import type { Db } from '../connection';

export interface Appointment {
  id: string;
  taskId: string;
  customerId: string;
  agentId: string | null;
  at: number;
  remindAt: number;
  status: 'booked' | 'done' | 'cancelled';
}

/** Times agreed with customers; the agent's reminder fires at remindAt. */
export class AppointmentRepository {
  constructor(private readonly db: Db) {}

  insert(a: Omit<Appointment, 'status'>, now: number): void {
    this.db
      .prepare("INSERT INTO appointments (id, task_id, customer_id, agent_id, at, remind_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'booked', ?)")
      .run(a.id, a.taskId, a.customerId, a.agentId, a.at, a.remindAt, now);
  }

  forTask(taskId: string): Appointment[] {
    const rows = this.db
      .prepare('SELECT id, task_id, customer_id, agent_id, at, remind_at, status FROM appointments WHERE task_id = ? ORDER BY at')
      .all(taskId) as { id: string; task_id: string; customer_id: string; agent_id: string | null; at: number; remind_at: number; status: Appointment['status'] }[];
    return rows.map((r) => ({ id: r.id, taskId: r.task_id, customerId: r.customer_id, agentId: r.agent_id, at: r.at, remindAt: r.remind_at, status: r.status }));
  }
}
