import { z } from 'zod';
import { Agent, Id } from '../domain/model';
import { TICKET_ACTIONS } from '../tickets/ticket-lifecycle';
import {
  Category,
  Channel,
  ClosingRating,
  Compensation,
  Demand,
  Scenario,
  SeverityKey,
  TargetSourceView,
  Ticket,
  TicketKind,
  TicketStep,
  TimelineEntry,
  WarrantyStatus,
} from '../tickets/ticket-model';

/** The ticket (工单) calls of the API contract; spread into apiContract. */

const Text = (max: number) => z.string().trim().max(max);
export const SYMPTOM_MAX_CHARS = 4000;
export const TicketAction = z.enum(TICKET_ACTIONS);

/** A target as the form describes it: "24 小时（日历时间）", and the seed rule it comes from. */
export const TargetOption = z.object({
  minutes: z.number().int().nullable(),
  workingDays: z.number().int().nullable(),
  clock: z.enum(['working', 'calendar']),
  source: TargetSourceView,
});
export type TargetOption = z.infer<typeof TargetOption>;

export const SeverityOption = z.object({
  key: SeverityKey,
  label: z.string(),
  response: TargetOption.nullable(),
  /** The severity's own, or the policy's goal when it names none (resolutionFromGoal). */
  resolution: TargetOption.nullable(),
  resolutionFromGoal: z.boolean(),
});
export type SeverityOption = z.infer<typeof SeverityOption>;

export const TicketListRow = Ticket.pick({
  id: true,
  number: true,
  kind: true,
  customerName: true,
  scenario: true,
  severity: true,
  status: true,
  registeredAt: true,
  response: true,
  resolution: true,
  ownerName: true,
  updatedAt: true,
}).extend({ escalationLevel: z.number().int() });
export type TicketListRow = z.infer<typeof TicketListRow>;

export const ticketCalls = {
  /** What the issue form offers: the active policy's severities (localised) and who can own it. */
  'ticket.options': {
    input: z.strictObject({}),
    output: z.object({
      policyId: z.string(),
      policyName: z.string(),
      defaultSeverity: SeverityKey,
      severities: z.array(SeverityOption),
      owners: z.array(Agent),
    }),
  },
  'ticket.create': {
    input: z.strictObject({
      ticketId: Id,
      kind: TicketKind,
      customerId: Id,
      purchaseId: Id.nullable(),
      callId: Id.nullable(),
      channel: Channel,
      scenario: Scenario,
      category: Category,
      demand: Demand,
      severity: SeverityKey,
      symptom: Text(SYMPTOM_MAX_CHARS).min(1, 'describe the problem in the customer\u2019s words'),
      warrantyStatus: WarrantyStatus.optional(),
      ownerAgentId: Id.nullable(),
      department: Text(100),
      /** When the complaint or request was received (seed 002: registered within 1 h of it); left out: now. */
      receivedAt: z.number().int().optional(),
    }),
    output: Ticket,
  },
  'ticket.list': {
    input: z.strictObject({
      scope: z.enum(['mine', 'all']),
      state: z.enum(['open', 'closed', 'all']),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(500),
    }),
    /** `now` is the core's clock, so countdowns agree with the SLA states beside them. */
    output: z.object({ rows: z.array(TicketListRow), total: z.number().int(), now: z.number().int() }),
  },
  'ticket.forCustomer': {
    input: z.strictObject({ customerId: Id }),
    output: z.object({ rows: z.array(TicketListRow) }),
  },
  'ticket.get': {
    input: z.strictObject({ ticketId: Id }),
    output: z.object({
      ticket: Ticket,
      timeline: z.array(TimelineEntry),
      actions: z.array(TicketAction),
      canApprove: z.boolean(),
      /** Steps that can be recorded now (field service, customer told, the policy's other rules), in order. */
      steps: z.array(TicketStep),
      /** The severities of the policy this issue was registered under (it keeps it when presets change). */
      severities: z.array(SeverityOption),
      now: z.number().int(),
    }),
  },
  /** One lifecycle step; what the step needs (a solution, a rating, a reason) comes with it. */
  'ticket.transition': {
    input: z.strictObject({
      ticketId: Id,
      action: TicketAction,
      /** For the customer: what happens next and by when (kept apart from internal notes). */
      progress: Text(2000).optional(),
      solution: Text(4000).optional(),
      compensations: z.array(Compensation).max(4).optional(),
      closingRating: ClosingRating.optional(),
      reason: Text(1000).optional(),
    }),
    output: Ticket,
  },
  'ticket.approve': {
    input: z.strictObject({ ticketId: Id, approve: z.boolean(), comment: Text(1000).optional() }),
    output: Ticket,
  },
  'ticket.addEntry': {
    input: z.strictObject({ ticketId: Id, entryId: Id, kind: z.enum(['progress', 'internal_note']), body: Text(4000).min(1) }),
    output: TimelineEntry,
  },
  /**
   * A step on the timeline (field service: departed, on site, waiting for parts; customer told;
   * ...): a progress entry for the customer, and the stop of the policy rule that waits for it.
   */
  'ticket.recordStep': {
    input: z.strictObject({ ticketId: Id, entryId: Id, step: TicketStep, body: Text(2000).optional() }),
    output: Ticket,
  },
  /** Recomputes both targets from the registration time with the new severity. */
  'ticket.setSeverity': {
    input: z.strictObject({ ticketId: Id, severity: SeverityKey, reason: Text(1000).optional() }),
    output: Ticket,
  },
} as const;
