import { OPEN_TICKET_STATUSES, type TicketStatus } from './ticket-model';

/**
 * The ticket lifecycle as data, shared by the desktop core and the hub so both refuse the same
 * impossible moves:
 * registered -> responded -> in progress <-> waiting for customer -> solution proposed
 * (approved by a lead where needed) -> executed -> customer confirmed -> closed; reopen; void.
 */
export const TICKET_ACTIONS = [
  'respond',
  'start',
  'wait_customer',
  'customer_replied',
  'propose_solution',
  'reject_solution',
  'execute',
  'confirm',
  'close',
  'reopen',
  'void',
  /** A lead hands a malicious complaint to legal (seed 001: 惡意投訴快速取證並法務介入). */
  'legal_hold',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Voiding is possible from any status before closed, except under legal handling (the evidence is frozen). */
const OPEN_BEFORE_CLOSE = OPEN_TICKET_STATUSES.filter((s) => s !== 'legal_hold');

/** Actions only a team lead (or an admin) may take; the hub refuses them from agents too (mutation-rules.ts). */
export const LEAD_ONLY_ACTIONS: readonly TicketAction[] = ['legal_hold'];

export const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  respond: { from: ['registered'], to: 'responded' },
  start: { from: ['responded'], to: 'in_progress' },
  wait_customer: { from: ['responded', 'in_progress'], to: 'waiting_customer' },
  customer_replied: { from: ['waiting_customer'], to: 'in_progress' },
  propose_solution: { from: ['responded', 'in_progress'], to: 'solution_proposed' },
  reject_solution: { from: ['solution_proposed'], to: 'in_progress' },
  execute: { from: ['solution_proposed'], to: 'executed' },
  confirm: { from: ['executed'], to: 'customer_confirmed' },
  close: { from: ['customer_confirmed'], to: 'closed' },
  reopen: { from: ['closed'], to: 'in_progress' },
  void: { from: OPEN_BEFORE_CLOSE, to: 'voided' },
  legal_hold: { from: OPEN_BEFORE_CLOSE, to: 'legal_hold' },
};

/** Why an action is impossible from a status, in words an agent understands; null if allowed. */
export function transitionProblem(action: TicketAction, from: TicketStatus): string | null {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(from)) return null;
  if (from === 'voided') return 'this issue was voided; it cannot be changed or reopened';
  if (from === 'legal_hold') return 'this complaint is under legal handling: its evidence is frozen';
  if (action === 'close' && (from === 'registered' || from === 'responded' || from === 'in_progress' || from === 'waiting_customer'))
    return `an issue can only be closed once the customer has confirmed the solution (it is ${from})`;
  if (action === 'reopen') return `only a closed issue can be reopened (it is ${from})`;
  return `cannot ${action.replace(/_/g, ' ')} an issue that is ${from.replace(/_/g, ' ')}`;
}

/** Actions the UI offers for a status: exactly those the core would accept. */
export function availableActions(from: TicketStatus): TicketAction[] {
  return (Object.keys(TRANSITIONS) as TicketAction[]).filter((action) => TRANSITIONS[action].from.includes(from));
}
