import type { SlaTarget } from '../../shared/sla/sla-policy';
import type { Escalation, TicketRuleSla, TicketSla } from '../../shared/tickets/ticket-model';
import type { TicketRecord } from '../db/repositories/ticket-repository';

/** One instant at which the watcher must fire an alert for a ticket target. */
export interface SlaThreshold {
  /** Stable within a severity, e.g. `response:left-25pct` or `rule:on_site:breach`; the watcher prefixes the severity. */
  id: string;
  target: 'response' | 'resolution' | 'rule';
  kind: 'warning' | 'breach';
  at: number;
  dueAt: number;
}

export interface SeverityInfo {
  key: string;
  label: Record<string, string>;
  response: SlaTarget | null;
  /** The severity's own resolution target, or the policy's goal when it names none. */
  resolution: SlaTarget | null;
  resolutionFromGoal: boolean;
  escalateAtRegistration: boolean;
}

/**
 * What the ticket service and the watcher need from the SLA policy and the working calendar.
 * Implemented on the shared pure modules (src/shared/sla, src/shared/calendar) so the hub can
 * compute exactly the same clocks.
 */
export interface SlaEngine {
  readonly policyId: string;
  readonly policyName: Record<string, string>;
  readonly defaultSeverity: string;
  /** The working calendar's zone: ticket numbers carry the local date there. */
  readonly timeZone: string;
  /** Severities of the active policy, or of `policyId` when it is known. */
  severities(policyId?: string): SeverityInfo[];
  /** A severity of the active policy, or of `policyId` (an existing issue's own policy). */
  severity(key: string, policyId?: string): SeverityInfo | null;
  /**
   * Every target of a ticket at `now` (response, resolution, the policy's rules that apply), and
   * the thresholds still to come (or passed, unfired). An issue under legal handling has none.
   */
  clocks(ticket: TicketRecord, now: number): { response: TicketSla; resolution: TicketSla; resolutionFromGoal: boolean; rules: TicketRuleSla[]; thresholds: SlaThreshold[] };
  /** The escalation chain started at `at` for a severity: each level with its own due time. */
  escalationChain(severity: string, at: number, reason: Escalation['reason'], policyId?: string): Escalation[];
  /** Whether a local date ('yyyy-MM-dd') has working hours: holidays no, swapped working days yes. */
  isWorkingDay(localDate: string): boolean;
}
