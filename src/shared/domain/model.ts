import { z } from 'zod';

/** Callback purposes, per DOMAIN.md "Callback types". */
export const CALLBACK_TYPES = [
  'routine_early',
  'routine_stable',
  'routine_long_term',
  'post_resolution',
  'new_customer',
  'key_customer',
  'satisfaction',
  'proactive_care',
] as const;
export const CallbackType = z.enum(CALLBACK_TYPES);
export type CallbackType = z.infer<typeof CallbackType>;

export const CUSTOMER_TIERS = ['new', 'regular', 'high_value'] as const;
export const CustomerTier = z.enum(CUSTOMER_TIERS);
export type CustomerTier = z.infer<typeof CustomerTier>;

export const Gender = z.enum(['male', 'female', 'unknown']);
export type Gender = z.infer<typeof Gender>;

/** pending: not yet called; rescheduled: customer asked for another time; retry: no answer, call again. */
export const TASK_STATUSES = ['pending', 'rescheduled', 'retry', 'completed', 'unreachable', 'refused', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['pending', 'rescheduled', 'retry'];

export const DISPOSITIONS = ['completed', 'customer_busy', 'no_answer', 'wrong_number', 'refused'] as const;
export const Disposition = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof Disposition>;

export const AgentRole = z.enum(['agent', 'senior_agent', 'lead', 'admin']);
export type AgentRole = z.infer<typeof AgentRole>;

export const Locale = z.enum(['zh-CN', 'en', 'zh-TW']);
export type Locale = z.infer<typeof Locale>;

/** Priority 1 is the most urgent; 5 the least. */
export const Priority = z.number().int().min(1).max(5);

/** Ids are generated on the client (UUIDv7) so offline-created rows never collide. */
export const Id = z.uuid();

/** Minutes after local midnight, e.g. 540 = 09:00. */
export const MinuteOfDay = z.number().int().min(0).max(1440);

export const Agent = z.object({
  id: Id,
  name: z.string(),
  employeeNo: z.string(),
  role: AgentRole,
});
export type Agent = z.infer<typeof Agent>;

/** What the renderer may see of a customer: never the whole phone number. */
export const CustomerView = z.object({
  id: Id,
  customerNo: z.string(),
  name: z.string(),
  gender: Gender,
  phoneMasked: z.string(),
  tier: CustomerTier,
  tags: z.array(z.string()),
  contactWindow: z.object({ start: MinuteOfDay, end: MinuteOfDay }).nullable(),
  timeZone: z.string(),
  city: z.string(),
});
export type CustomerView = z.infer<typeof CustomerView>;

/** A customer as the core stores it: the phone number is whole here and never crosses the API. */
export interface CustomerRecord {
  id: string;
  customerNo: string;
  name: string;
  gender: Gender;
  phone: string;
  tier: CustomerTier;
  tags: string[];
  contactWindow: { start: number; end: number } | null;
  timeZone: string;
  city: string;
}

export const Purchase = z.object({
  id: Id,
  customerId: Id,
  productLine: z.string(),
  model: z.string(),
  serialNo: z.string(),
  purchaseDate: z.string(),
  deliveryDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
});
export type Purchase = z.infer<typeof Purchase>;

export const AnswerValue = z.union([z.boolean(), z.number(), z.string().max(4000)]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(z.string().max(64), AnswerValue);
export type Answers = z.infer<typeof Answers>;

export const CallRecord = z.object({
  id: Id,
  taskId: Id,
  customerId: Id,
  agentId: Id,
  agentName: z.string(),
  callbackType: CallbackType,
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  disposition: Disposition.nullable(),
  scriptId: z.string(),
  scriptVersion: z.number().int(),
  answers: Answers,
  satisfaction: z.number().int().min(1).max(10).nullable(),
  nps: z.number().int().min(0).max(10).nullable(),
  notes: z.string(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const Task = z.object({
  id: Id,
  customerId: Id,
  purchaseId: Id.nullable(),
  type: CallbackType,
  status: TaskStatus,
  priority: Priority,
  dueStart: z.number().int(),
  dueEnd: z.number().int(),
  attempts: z.number().int().min(0),
  assignedAgentId: Id.nullable(),
  lastDisposition: Disposition.nullable(),
  updatedAt: z.number().int(),
});
export type Task = z.infer<typeof Task>;
