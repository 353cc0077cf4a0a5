import type { Db } from '../connection';
import { cached } from '../statement-cache';

export type AppointmentSmsState = 'waiting' | 'queued' | 'cancelled';

/** A booking's SMS waiting for its send time (the day before the call), with what decides whether it still goes. */
export interface DueAppointmentSms {
  appointmentId: string;
  taskId: string;
  customerId: string;
  at: number;
  sendAt: number;
  /** The task is still open and this is still its latest booked appointment. */
  stillBooked: boolean;
}

/** When each appointment's SMS goes to the outbox (local to the desktop that booked it). */
export class AppointmentSmsRepository {
  constructor(private readonly db: Db) {}

  insert(s: { appointmentId: string; taskId: string; customerId: string; at: number; sendAt: number; state: AppointmentSmsState; messageId: string | null }, now: number): void {
    cached(this.db)
      .prepare(
        'INSERT INTO appointment_sms (appointment_id, task_id, customer_id, at, send_at, state, message_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(s.appointmentId, s.taskId, s.customerId, s.at, s.sendAt, s.state, s.messageId, now, now);
  }

  /** A new booking replaces the task's earlier ones: their SMS that have not gone yet never go. */
  cancelWaitingForTask(taskId: string, now: number): number {
    return cached(this.db).prepare("UPDATE appointment_sms SET state = 'cancelled', updated_at = ? WHERE task_id = ? AND state = 'waiting'").run(now, taskId).changes;
  }

  due(now: number, limit: number): DueAppointmentSms[] {
    const rows = cached(this.db)
      .prepare(
        `SELECT s.appointment_id, s.task_id, s.customer_id, s.at, s.send_at,
                (t.is_open = 1 AND s.appointment_id = (SELECT a.id FROM appointments a WHERE a.task_id = s.task_id AND a.status = 'booked' ORDER BY a.created_at DESC, a.id DESC LIMIT 1)) AS still_booked
           FROM appointment_sms s LEFT JOIN callback_tasks t ON t.id = s.task_id
          WHERE s.state = 'waiting' AND s.send_at <= ?
          ORDER BY s.send_at, s.appointment_id LIMIT ?`,
      )
      .all(now, limit) as { appointment_id: string; task_id: string; customer_id: string; at: number; send_at: number; still_booked: number | null }[];
    return rows.map((r) => ({ appointmentId: r.appointment_id, taskId: r.task_id, customerId: r.customer_id, at: r.at, sendAt: r.send_at, stillBooked: r.still_booked === 1 }));
  }

  markQueued(appointmentId: string, messageId: string, now: number): void {
    cached(this.db).prepare("UPDATE appointment_sms SET state = 'queued', message_id = ?, updated_at = ? WHERE appointment_id = ?").run(messageId, now, appointmentId);
  }

  markCancelled(appointmentId: string, now: number): void {
    cached(this.db).prepare("UPDATE appointment_sms SET state = 'cancelled', updated_at = ? WHERE appointment_id = ?").run(now, appointmentId);
  }
}
