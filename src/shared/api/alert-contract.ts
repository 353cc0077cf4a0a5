import { z } from 'zod';
import { Id } from '../domain/model';

/**
 * SLA alerts: the watcher in the core fires each threshold once (warning before a breach, and
 * the breach), records it, and the UI shows it as a desktop notification and in the alert centre.
 */
export const AlertSubject = z.enum(['ticket', 'task']);
export type AlertSubject = z.infer<typeof AlertSubject>;

/**
 * Which clock the alert is about: a ticket's response or resolution target, one of its policy's
 * other rules (the threshold id names it: `rule:<key>:...`), an escalation level, a callback's due
 * time, or the reminder before a time agreed with the customer.
 */
export const AlertTarget = z.enum(['response', 'resolution', 'rule', 'escalation', 'callback', 'appointment']);
export type AlertTarget = z.infer<typeof AlertTarget>;

export const Alert = z.object({
  id: Id,
  subject: AlertSubject,
  subjectId: Id,
  /** Ticket number or customer name, so the alert reads on its own. */
  subjectLabel: z.string(),
  target: AlertTarget,
  kind: z.enum(['warning', 'breach']),
  thresholdId: z.string(),
  /** When the target is (or was) due. */
  dueAt: z.number().int(),
  /** The instant the threshold was reached, and when the watcher fired it (later after a sleep). */
  thresholdAt: z.number().int(),
  firedAt: z.number().int(),
  readAt: z.number().int().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const alertCalls = {
  'alerts.list': {
    input: z.strictObject({ offset: z.number().int().min(0).max(1_000_000), limit: z.number().int().min(1).max(200) }),
    output: z.object({ rows: z.array(Alert), total: z.number().int(), unread: z.number().int(), atRisk: z.number().int() }),
  },
  'alerts.markRead': {
    input: z.strictObject({ alertIds: z.array(Id).max(500).optional(), all: z.boolean().optional() }),
    output: z.object({ unread: z.number().int() }),
  },
} as const;

export const alertEvents = {
  /**
   * New alerts. `notify` lists the ones to show as desktop notifications now: do-not-disturb
   * holds back warnings, never a breach.
   */
  'alerts.fired': z.object({
    alerts: z.array(Alert),
    notify: z.array(Id),
    atRisk: z.number().int(),
    /** True when the desktop shell already showed `notify` natively (Electron); the page shows them otherwise. */
    shownByHost: z.boolean(),
  }),
  /** The agent clicked a native notification: show that alert's subject. */
  'alerts.opened': z.object({ alertId: Id, subject: AlertSubject, subjectId: Id }),
} as const;
