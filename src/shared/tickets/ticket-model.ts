import { z } from 'zod';
import { Id } from '../domain/model';

/**
 * Issues (工单): complaints and service requests, per DOMAIN.md "Issues / tickets".
 * Code says "ticket" so it is never confused with a project issue.
 */

/** Complaint numbers start CP, service requests SR (the seeds' own tables use these). */
export const TICKET_KINDS = ['complaint', 'service_request'] as const;
export const TicketKind = z.enum(TICKET_KINDS);
export type TicketKind = z.infer<typeof TicketKind>;

export const CHANNELS = ['hotline', 'online_chat', 'app', 'ecommerce', 'email', 'store', 'callback'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Seed 004's eight service scenarios. */
export const SCENARIOS = [
  'fault_repair',
  'usage_question',
  'service_complaint',
  'return_exchange',
  'installation',
  'value_added_booking',
  'emergency',
  'remote_assistance',
] as const;
export const Scenario = z.enum(SCENARIOS);
export type Scenario = z.infer<typeof Scenario>;

/** Seed 000's five problem categories. */
export const CATEGORIES = ['product_function', 'quality_fault', 'service_process', 'staff_attitude', 'other'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Seed 002's customer demands. */
export const DEMANDS = ['refund', 'exchange', 'repair', 'apology', 'compensation', 'information'] as const;
export const Demand = z.enum(DEMANDS);
export type Demand = z.infer<typeof Demand>;

export const WARRANTY_STATUSES = ['in_warranty', 'out_of_warranty', 'unknown'] as const;
export const WarrantyStatus = z.enum(WARRANTY_STATUSES);
export type WarrantyStatus = z.infer<typeof WarrantyStatus>;

export const COMPENSATIONS = ['extended_warranty', 'service_voucher', 'coupon', 'reshipment'] as const;
export const Compensation = z.enum(COMPENSATIONS);
export type Compensation = z.infer<typeof Compensation>;

/** The customer's rating at closing, as in the seeds' service response record. */
export const CLOSING_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const ClosingRating = z.enum(CLOSING_RATINGS);
export type ClosingRating = z.infer<typeof ClosingRating>;

export const TICKET_STATUSES = [
  'registered',
  'responded',
  'in_progress',
  'waiting_customer',
  'solution_proposed',
  'executed',
  'customer_confirmed',
  'closed',
  'voided',
  /** A malicious complaint handed to legal: evidence frozen, out of the SLA and escalation path. */
  'legal_hold',
] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter((s) => s !== 'closed' && s !== 'voided');

/** Slug of a severity in the ticket's SLA policy (e.g. general, major, urgent). */
export const SeverityKey = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a severity key is lower-case letters, digits and _');

/** The seed and its rule a target comes from, in every language the policy has. */
export const TargetSourceView = z.object({ seed: z.string(), rule: z.record(z.string(), z.string()) });

export const TicketSla = z.object({
  dueAt: z.number().int().nullable(),
  remainingMs: z.number().nullable(),
  state: z.enum(['none', 'running', 'at_risk', 'paused', 'met', 'breached']),
  /** Calendar time (every minute) or working time (the working calendar's hours); null: no target. */
  clock: z.enum(['working', 'calendar']).nullable(),
  source: TargetSourceView.nullable(),
});
export type TicketSla = z.infer<typeof TicketSla>;

/**
 * Steps recorded on an issue: field service (seed 001: departed, on site / repairing, waiting for
 * parts) and the steps that stop the policies' rules (customer told, a supervisor's contact,
 * return/exchange pickup and refund or exchange). Each is a progress entry the customer is told.
 */
export const TICKET_STEPS = ['departed', 'on_site', 'waiting_parts', 'customer_told', 'supervisor_contacted', 'picked_up', 'refund_exchange_done'] as const;
export const TicketStep = z.enum(TICKET_STEPS);
export type TicketStep = z.infer<typeof TicketStep>;

/** A policy rule beyond response and resolution, as it stands for this issue. */
export const TicketRuleSla = TicketSla.extend({
  key: z.string(),
  label: z.record(z.string(), z.string()),
  startsAt: z.enum(['received', 'registered', 'resolved']),
  stopsAt: z.string(),
  startedAt: z.number().int().nullable(),
  stoppedAt: z.number().int().nullable(),
});
export type TicketRuleSla = z.infer<typeof TicketRuleSla>;

export const Escalation = z.object({
  level: z.number().int().min(1).max(3),
  role: z.enum(['agent', 'lead', 'manager']),
  reason: z.enum(['breach', 'urgent_registration', 'dissatisfied']),
  startedAt: z.number().int(),
  dueAt: z.number().int(),
  doneAt: z.number().int().nullable(),
});
export type Escalation = z.infer<typeof Escalation>;

export const Ticket = z.object({
  id: Id,
  number: z.string(),
  kind: TicketKind,
  customerId: Id,
  customerName: z.string(),
  purchaseId: Id.nullable(),
  product: z.string().nullable(),
  serialNo: z.string().nullable(),
  warrantyStatus: WarrantyStatus,
  callId: Id.nullable(),
  channel: Channel,
  scenario: Scenario,
  category: Category,
  demand: Demand,
  severity: SeverityKey,
  policyId: z.string(),
  symptom: z.string(),
  ownerAgentId: Id.nullable(),
  ownerName: z.string().nullable(),
  department: z.string(),
  status: TicketStatus,
  registeredAt: z.number().int(),
  /** When the complaint or request reached the centre (seed 002: registered within 1 h of it). */
  receivedAt: z.number().int(),
  respondedAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  closedAt: z.number().int().nullable(),
  /** Set while waiting for the customer: the SLA clock is paused since then. */
  pausedSince: z.number().int().nullable(),
  solution: z.string().nullable(),
  compensations: z.array(Compensation),
  /** Complaints and any compensation need a lead's approval before the solution is carried out. */
  approvalRequired: z.boolean(),
  approvedBy: z.string().nullable(),
  closingRating: ClosingRating.nullable(),
  durationMs: z.number().int().nullable(),
  followUpTaskId: Id.nullable(),
  response: TicketSla,
  resolution: TicketSla,
  /** The resolution target is the policy's general goal (the severity names none). */
  resolutionFromGoal: z.boolean(),
  rules: z.array(TicketRuleSla),
  steps: z.array(z.object({ step: TicketStep, at: z.number().int() })),
  /** Marked for legal handling (a malicious complaint): by whom, when and why. */
  legalHoldAt: z.number().int().nullable(),
  legalHoldBy: z.string().nullable(),
  legalHoldReason: z.string().nullable(),
  escalations: z.array(Escalation),
  updatedAt: z.number().int(),
});
export type Ticket = z.infer<typeof Ticket>;

export const TIMELINE_KINDS = ['status', 'progress', 'internal_note', 'severity', 'escalation', 'approval', 'owner'] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

/**
 * One line of a ticket's history. `progress` entries are written for the customer ("sent to the
 * technical department, result by tomorrow 12:00"); `internal_note` entries never leave the team.
 */
export const TimelineEntry = z.object({
  id: Id,
  ticketId: Id,
  at: z.number().int(),
  agentName: z.string(),
  kind: TimelineKind,
  fromStatus: TicketStatus.nullable(),
  toStatus: TicketStatus.nullable(),
  body: z.string(),
  /** Structured details (old and new severity, escalation level, ...), for display. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
