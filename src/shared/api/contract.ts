import { z } from 'zod';
import {
  Agent,
  Answers,
  CallbackType,
  CallRecord,
  CustomerTier,
  CustomerView,
  Disposition,
  Id,
  Locale,
  Purchase,
  Task,
  TaskStatus,
} from '../domain/model';
import { PROOF_RESULTS } from '../domain/purchase-proof';
import { Script } from '../scripts/script-schema';
import { alertCalls, alertEvents } from './alert-contract';
import { importCalls, importEvents } from './import-contract';
import { planningCalls } from './planning-contract';
import { slaCalls } from './sla-contract';
import { syncCalls, syncEvents } from './sync-contract';
import { ticketCalls } from './ticket-contract';

/**
 * The one API contract between the UI and the core. Each call is declared once here; the
 * Electron IPC binding, the preload bridge and the browser host all serve this table, and
 * every input and output is validated against these schemas at the boundary.
 */

const ShortText = z.string().trim().max(200);
/** Notes are long-form but bounded so a runaway paste cannot bloat the store or the outbox. */
export const NOTE_MAX_CHARS = 20000;

export const QueueGroup = z.enum(['overdue', 'today', 'upcoming']);
export type QueueGroup = z.infer<typeof QueueGroup>;

export const QueueFilter = z.strictObject({
  types: z.array(CallbackType).max(8).optional(),
  tiers: z.array(CustomerTier).max(3).optional(),
  statuses: z.array(TaskStatus).max(7).optional(),
  /** Customer name (part of it) or the last digits of the phone number. */
  search: ShortText.optional(),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

export const QueueRow = z.object({
  taskId: Id,
  customerId: Id,
  customerName: z.string(),
  phoneMasked: z.string(),
  tier: CustomerTier,
  type: CallbackType,
  status: TaskStatus,
  priority: z.number().int(),
  dueStart: z.number().int(),
  dueEnd: z.number().int(),
  attempts: z.number().int(),
  product: z.string().nullable(),
  group: QueueGroup,
});
export type QueueRow = z.infer<typeof QueueRow>;

export const CustomerDetail = z.object({
  customer: CustomerView,
  purchases: z.array(Purchase),
  calls: z.array(CallRecord),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const ScriptSummary = z.object({ id: z.string(), version: z.number().int(), callbackType: CallbackType });

export const ScriptLoadError = z.object({ file: z.string(), stepId: z.string().nullable(), message: z.string() });

export const CallDraft = z.object({
  callId: Id,
  startedAt: z.number().int(),
  noteId: Id,
  notes: z.string(),
  answers: Answers,
});
export type CallDraft = z.infer<typeof CallDraft>;

export const Settings = z.object({
  locale: Locale,
  company: z.string(),
  /** `{phone}` is replaced by the whole number in the core, never in the UI. */
  dialUriTemplate: z.string(),
  /** Holds back warning notifications (they still reach the alert centre); breaches always show. */
  doNotDisturb: z.boolean(),
  /** The deployment's SMS gateway webhook (http or https); empty: messages stay queued in the outbox. */
  smsWebhookUrl: z.string(),
});
export type Settings = z.infer<typeof Settings>;

export const WorkspaceState = z.enum(['empty', 'ready']);

export const apiContract = {
  'session.get': {
    input: z.strictObject({}),
    output: z.object({
      agent: Agent.nullable(),
      workspace: WorkspaceState,
      settings: Settings,
      storeNotice: z.string().nullable(),
    }),
  },
  'workspace.createDemo': {
    input: z.strictObject({}),
    output: z.object({ customers: z.number().int(), purchases: z.number().int(), tasks: z.number().int() }),
  },
  'workspace.createEmpty': {
    input: z.strictObject({ agentName: ShortText.min(1), employeeNo: ShortText.min(1) }),
    output: Agent,
  },
  'settings.update': {
    input: z.strictObject({
      locale: Locale.optional(),
      company: ShortText.min(1).optional(),
      dialUriTemplate: z
        .string()
        .max(300)
        .refine((v) => v.includes('{phone}'), { message: 'must contain {phone}' })
        .refine((v) => /^[a-z][a-z0-9+.-]*:/i.test(v), { message: 'must start with a URI scheme, e.g. tel:' })
        .optional(),
      doNotDisturb: z.boolean().optional(),
      smsWebhookUrl: z
        .string()
        .trim()
        .max(500)
        .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), { message: 'must be an http:// or https:// address, or empty' })
        .optional(),
    }),
    output: Settings,
  },
  'queue.list': {
    input: z.strictObject({
      filter: QueueFilter,
      group: QueueGroup.optional(),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(500),
    }),
    /** Rows only: the list is sized from queue.counts, so scrolling never pays for a count. */
    output: z.object({ rows: z.array(QueueRow) }),
  },
  'queue.counts': {
    input: z.strictObject({ filter: QueueFilter }),
    output: z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int() }),
  },
  'task.open': {
    input: z.strictObject({ taskId: Id }),
    output: z.object({
      task: Task,
      detail: CustomerDetail,
      script: Script.nullable(),
      scriptError: ScriptLoadError.nullable(),
      draft: CallDraft.nullable(),
      placeholders: z.object({
        customerTitle: z.string(),
        agentName: z.string(),
        agentNo: z.string(),
        company: z.string(),
        product: z.string(),
      }),
    }),
  },
  'customer.get': {
    input: z.strictObject({ customerId: Id }),
    output: CustomerDetail,
  },
  /** Any customer of the centre (not only those in my queue), by part of the name or the phone's last digits. */
  'customer.search': {
    input: z.strictObject({ query: z.string().trim().min(1, 'type part of a name or the last digits of the phone').max(50), limit: z.number().int().min(1).max(50) }),
    output: z.object({
      rows: z.array(z.object({ customerId: Id, customerName: z.string(), phoneMasked: z.string(), tier: CustomerTier, product: z.string().nullable() })),
    }),
  },
  /**
   * The identity check's purchase proof: the order or invoice number the customer reads out,
   * compared with the purchase's digest. Nothing is written: the number is verified, not stored.
   */
  'purchase.verifyProof': {
    input: z.strictObject({ purchaseId: Id, proof: z.string().trim().min(3, 'type the order or invoice number').max(64) }),
    output: z.object({ result: z.enum(PROOF_RESULTS) }),
  },
  'call.start': {
    input: z.strictObject({ callId: Id, taskId: Id, noteId: Id }),
    output: CallDraft,
  },
  'call.saveAnswers': {
    input: z.strictObject({ callId: Id, answers: Answers }),
    output: z.object({ savedAt: z.number().int() }),
  },
  'note.save': {
    input: z.strictObject({ noteId: Id, callId: Id, body: z.string().max(NOTE_MAX_CHARS) }),
    output: z.object({ savedAt: z.number().int() }),
  },
  'call.finish': {
    input: z.strictObject({
      callId: Id,
      disposition: Disposition,
      answers: Answers,
      notes: z.string().max(NOTE_MAX_CHARS),
      satisfaction: z.number().int().min(1).max(10).nullable(),
      nps: z.number().int().min(0).max(10).nullable(),
      /** Required for customer_busy: the agreed time to call back. */
      rescheduleAt: z.number().int().positive().nullable(),
    }),
    output: z.object({ task: Task, call: CallRecord }),
  },
  'call.suggestSlots': {
    input: z.strictObject({ taskId: Id }),
    /** withinDueWindow false: no calling time is left in the task's due window; the slots come after it. */
    output: z.object({ slots: z.array(z.number().int()), withinDueWindow: z.boolean() }),
  },
  'call.dial': {
    input: z.strictObject({ taskId: Id }),
    /** Electron opens the URI itself (uri null); the browser host returns it for the page to open. */
    output: z.object({ uri: z.string().nullable() }),
  },
  /** A script by id, e.g. to show a past call's answers as the questions that were asked. */
  'script.get': {
    input: z.strictObject({ scriptId: Script.shape.id }),
    output: z.object({ script: Script }),
  },
  'outbox.stats': {
    input: z.strictObject({}),
    output: z.object({ pending: z.number().int(), oldestAt: z.number().int().nullable() }),
  },
  ...ticketCalls,
  ...alertCalls,
  ...slaCalls,
  ...planningCalls,
  ...importCalls,
  ...syncCalls,
} as const;

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
export type ApiInput<N extends ApiName> = z.input<ApiContract[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<ApiContract[N]['output']>;

export const API_NAMES = Object.keys(apiContract) as ApiName[];

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/** Events from the core to the UI. */
export const eventContract = {
  'data.changed': z.object({ entities: z.array(z.enum(['tasks', 'calls', 'notes', 'customers', 'settings', 'tickets', 'alerts', 'messages', 'imports'])) }),
  ...alertEvents,
  ...importEvents,
  ...syncEvents,
} as const;
export type EventName = keyof typeof eventContract;
export type EventPayload<N extends EventName> = z.output<(typeof eventContract)[N]>;
export const EVENT_NAMES = Object.keys(eventContract) as EventName[];
