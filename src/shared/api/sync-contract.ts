import { z } from 'zod';
import { AgentRole } from '../domain/model';
import { DeviceStatus, TeamRejection } from '../sync/protocol';

/** Calls and events of the desktop's sync with a hub: sign-in, status, rejected mutations. */

export const SYNC_STATES = [
  /** No hub configured: the desktop is a standalone store, as before sync existed. */
  'standalone',
  /** A hub is configured but nobody is signed in (signed out, or the session expired). */
  'signed_out',
  'syncing',
  'online',
  /** The hub cannot be reached; work goes on and waits in the outbox. */
  'offline',
  /** The hub no longer serves this desktop's protocol: install the update. */
  'update_required',
] as const;
export const SyncState = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncState>;

export const LocalRejection = z.object({
  mutationId: z.string(),
  seq: z.number().int(),
  name: z.string(),
  code: z.enum(['invalid', 'forbidden', 'conflict', 'lost_race']),
  reason: z.string(),
  rejectedAt: z.number().int(),
  createdAt: z.number().int(),
  /** What the mutation carried, so the user can redo it (e.g. the note text). */
  args: z.unknown(),
});
export type LocalRejection = z.infer<typeof LocalRejection>;

export const SyncStatus = z.object({
  state: SyncState,
  hubUrl: z.string().nullable(),
  user: z.object({ username: z.string(), name: z.string(), role: AgentRole }).nullable(),
  pending: z.number().int(),
  oldestPendingAt: z.number().int().nullable(),
  lastSyncedAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().int().nullable(),
  rejections: z.array(LocalRejection),
  /** Leads and admins: their team's devices (outbox size and age) and rejections. */
  team: z.object({ devices: z.array(DeviceStatus), rejections: z.array(TeamRejection) }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const HubUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'the hub address starts with http:// or https://');

export const syncCalls = {
  'sync.status': { input: z.strictObject({}), output: SyncStatus },
  'sync.signIn': {
    input: z.strictObject({ hubUrl: HubUrl, username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
    output: SyncStatus,
  },
  'sync.signOut': { input: z.strictObject({}), output: SyncStatus },
  /** Try now instead of waiting for the backoff. */
  'sync.now': { input: z.strictObject({}), output: SyncStatus },
  /** The user has seen a rejection (and redone what it held); it stays recorded on the hub. */
  'sync.dismissRejection': { input: z.strictObject({ mutationId: z.string().min(1).max(64) }), output: SyncStatus },
} as const;

export const syncEvents = {
  'sync.status': SyncStatus,
} as const;
