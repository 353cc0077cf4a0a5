import { maskName } from '../../shared/domain/person-name';
import type { Db } from '../db/connection';
import { TaskRepository } from '../db/repositories/task-repository';
import { TicketRepository } from '../db/repositories/ticket-repository';
import type { SlaEngine } from '../services/sla-engine';
import type { PlannedThreshold, SubjectSource, WatchedSubject } from './sla-watcher';
import { subjectKey } from './sla-watcher';

const MINUTE = 60_000;
/** Callback warnings: a quarter of the due window left, and 15 minutes before its end (the ticket defaults). */
const CALLBACK_FRACTION_LEFT = 0.25;
const CALLBACK_MINUTES_LEFT = 15;

/** Open tickets: response and resolution thresholds from the SLA clock, and each escalation level's due time. */
export function ticketSource(db: Db, sla: SlaEngine): SubjectSource {
  const tickets = new TicketRepository(db);
  return {
    changedSince(since, now) {
      const upsert: WatchedSubject[] = tickets.openChangedSince(since).map((record) => {
        // A severity change makes new thresholds: they may fire even if the old severity's did.
        const thresholds: PlannedThreshold[] = sla
          .clocks(record, now)
          .thresholds.map((t) => ({ id: `${record.severity}/${t.id}`, target: t.target, kind: t.kind, at: t.at, dueAt: t.dueAt }));
        for (const level of tickets.escalations(record.id)) {
          if (level.doneAt !== null) continue;
          thresholds.push({ id: `escalation:L${level.level}:breach`, target: 'escalation', kind: 'breach', at: level.dueAt, dueAt: level.dueAt });
        }
        return { subject: 'ticket', subjectId: record.id, label: record.number, thresholds };
      });
      return { upsert, remove: tickets.closedChangedSince(since).map((id) => subjectKey('ticket', id)) };
    },
  };
}

/** My open callbacks: warnings before the end of the due window, and the moment it is overdue. */
export function callbackSource(db: Db, currentAgentId: () => string | null): SubjectSource {
  const tasks = new TaskRepository(db);
  return {
    changedSince(since) {
      const agentId = currentAgentId();
      if (!agentId) return { upsert: [], remove: [] };
      const upsert: WatchedSubject[] = [];
      const remove: string[] = [];
      for (const task of tasks.changedSince(agentId, since)) {
        if (!task.isOpen) {
          remove.push(subjectKey('task', task.id));
          continue;
        }
        const thresholds = callbackThresholds(task.dueStart, task.dueEnd);
        // The agent is reminded before the time agreed with the customer (the SMS promised it).
        if (task.appointment) {
          const { at, remindAt } = task.appointment;
          thresholds.push({ id: `appointment@${at}:remind`, target: 'appointment', kind: 'warning', at: remindAt, dueAt: at });
        }
        // Alerts are kept and shown as desktop notifications: the customer's name masked (张*).
        upsert.push({ subject: 'task', subjectId: task.id, label: maskName(task.customerName), thresholds });
      }
      return { upsert, remove };
    },
  };
}

/** Ids carry the due end, so a rescheduled callback is warned about again for its new time. */
export function callbackThresholds(dueStart: number, dueEnd: number): PlannedThreshold[] {
  const window = dueEnd - dueStart;
  const at = (id: string, kind: PlannedThreshold['kind'], instant: number): PlannedThreshold => ({
    id: `callback@${dueEnd}:${id}`, target: 'callback', kind, at: instant, dueAt: dueEnd,
  });
  const out: PlannedThreshold[] = [];
  if (window > 0) out.push(at('left-25pct', 'warning', dueEnd - Math.round(window * CALLBACK_FRACTION_LEFT)));
  if (window > CALLBACK_MINUTES_LEFT * MINUTE) out.push(at('left-15m', 'warning', dueEnd - CALLBACK_MINUTES_LEFT * MINUTE));
  out.push(at('breach', 'breach', dueEnd));
  return out;
}
