import { z } from 'zod';
import { Id } from '../domain/model';

/** Callback planning, assignment overrides and the outbound message (SMS) outbox. */
export const OutboundMessage = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  taskId: Id.nullable(),
  channel: z.literal('sms'),
  body: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  sentAt: z.number().int().nullable(),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;

export const planningCalls = {
  /** Plans every callback the rules imply that does not exist yet; running it again creates nothing. */
  'planning.run': {
    input: z.strictObject({}),
    output: z.object({ created: z.number().int(), skipped: z.record(z.string(), z.number().int()), taskIds: z.array(Id) }),
  },
  /** A lead gives a callback to another agent (overriding the automatic assignment). */
  'task.assign': {
    input: z.strictObject({ taskId: Id, agentId: Id }),
    output: z.object({ taskId: Id, agentId: Id }),
  },
  'messages.list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500) }),
    output: z.object({
      rows: z.array(OutboundMessage),
      counts: z.object({ queued: z.number().int(), sending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
      /** False: no SMS gateway is configured, so messages stay queued here until one is. */
      gatewayConfigured: z.boolean(),
    }),
  },
} as const;
