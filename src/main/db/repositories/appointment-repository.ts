import type { Db } from '../connection';
import { cached } from '../statement-cache';

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
    cached(this.db)
      .prepare("INSERT INTO appointments (id, task_id, customer_id, agent_id, at, remind_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'booked', ?)")
      .run(a.id, a.taskId, a.customerId, a.agentId, a.at, a.remindAt, now);
  }
}
