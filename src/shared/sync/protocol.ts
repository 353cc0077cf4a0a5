import { z } from 'zod';
import { AgentRole } from '../domain/model';

/**
 * The desktop <-> hub wire format. Every request carries the protocol version and the desktop's
 * store schema version; the hub answers 426 "update_required" when a desktop is older than it
 * still serves, but keeps accepting pushes in the previous mutation format so queued work is
 * never stranded (see MIN_PUSH_PROTOCOL).
 */
export const PROTOCOL_VERSION = 2;
/** The oldest protocol whose pushes the hub still takes (v1 sent no expected old values). */
export const MIN_PUSH_PROTOCOL = 1;
/** The oldest protocol the hub still pulls for; older desktops must update first. */
export const MIN_PULL_PROTOCOL = 2;

/** Bounds that keep one request from exhausting the hub; the desktop batches below them. */
export const PUSH_MAX_MUTATIONS = 500;
export const PUSH_MAX_BYTES = 8 * 1024 * 1024;
export const PULL_PAGE_ROWS = 5000;

const ClientId = z.string().uuid();
const Versions = { protocolVersion: z.number().int().min(0), schemaVersion: z.number().int().min(0) };

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  clientId: ClientId,
  deviceName: z.string().trim().max(100).default(''),
  ...Versions,
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const HubUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  employeeNo: z.string(),
  role: AgentRole,
  teamId: z.string().nullable(),
  skills: z.array(z.string()).nullable(),
});
export type HubUser = z.infer<typeof HubUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.number().int(),
  user: HubUser,
  client: z.object({ id: ClientId, deviceCode: z.string() }),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/**
 * A row's values by column: strings, numbers and nulls only. One plain loop per row instead of a
 * schema per value, because a desktop checks every row of every pulled page (200k rows cost
 * about 0.9 s as a record of unions, most of the desktop's time per page after SQLite).
 */
export const RowValues = z.custom<Record<string, string | number | null>>((value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && typeof field !== 'string' && !(typeof field === 'number' && Number.isFinite(field))) return false;
  }
  return true;
}, 'expected an object of column values (strings, numbers or nulls)');

/** One row change a mutation made, captured from the desktop store as it committed. */
export const RowChange = z.strictObject({
  /** Synced table name (see SYNCED_TABLES). */
  t: z.string().max(64),
  /** Row key (composite keys joined with '/'). */
  id: z.string().min(1).max(200),
  op: z.enum(['ins', 'upd', 'del']),
  /** New values: every column for ins, the changed ones for upd, absent for del. */
  f: RowValues.optional(),
  /** The values the desktop saw before an upd (v2); conditional fields are checked against them. */
  o: RowValues.optional(),
});
export type RowChange = z.infer<typeof RowChange>;

export const PushedMutation = z.strictObject({
  /** Per-client sequence, increasing by one. */
  seq: z.number().int().positive(),
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  changes: z.array(RowChange).max(1_000_000),
  createdAt: z.number().int(),
});
export type PushedMutation = z.infer<typeof PushedMutation>;

export const PushRequest = z.strictObject({
  clientId: ClientId,
  ...Versions,
  mutations: z.array(PushedMutation).min(1).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Rejection = z.object({
  seq: z.number().int(),
  mutationId: z.string(),
  name: z.string(),
  code: z.enum(['invalid', 'forbidden', 'conflict', 'lost_race']),
  reason: z.string(),
  rejectedAt: z.number().int(),
});
export type Rejection = z.infer<typeof Rejection>;

export const PushResponse = z.object({
  lastMutationSeq: z.number().int(),
  /** Rejections among the pushed sequence numbers (also for ones applied by an earlier, lost reply). */
  rejected: z.array(Rejection),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullRequest = z.strictObject({
  clientId: ClientId,
  ...Versions,
  /** Opaque cursor from the previous pull; null for a first pull (or to ask for a reset). */
  cursor: z.string().max(500).nullable(),
  /** The lowest mutation sequence the desktop still holds: rejections from there on come back. */
  pendingFromSeq: z.number().int().positive().nullable(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PulledRow = z.object({
  t: z.string(),
  id: z.string(),
  /** Full row for a live row; null for a tombstone. */
  data: RowValues.nullable(),
});
export type PulledRow = z.infer<typeof PulledRow>;

export const DeviceStatus = z.object({
  clientId: z.string(),
  userId: z.string(),
  userName: z.string(),
  deviceName: z.string(),
  pending: z.number().int(),
  oldestPendingAt: z.number().int().nullable(),
  heartbeatAt: z.number().int().nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const TeamRejection = Rejection.extend({ userId: z.string(), userName: z.string(), clientId: z.string() });
export type TeamRejection = z.infer<typeof TeamRejection>;

export const PullResponse = z.object({
  /** The desktop drops everything synced it holds before applying these rows. */
  reset: z.boolean(),
  rows: z.array(PulledRow),
  cursor: z.string(),
  /** More pages follow: pull again with the new cursor at once. */
  more: z.boolean(),
  /** This client's last mutation the hub applied, read in the same snapshot as the rows. */
  lastMutationSeq: z.number().int(),
  /** This client's rejected mutations from pendingFromSeq up to lastMutationSeq. */
  rejected: z.array(Rejection),
  /**
   * Which mutation the hub logged at each number from pendingFromSeq up to lastMutationSeq: the
   * desktop drops an outbox entry only when its number and id both match, so a number someone
   * else took (a forged push, a copied data folder) never acknowledges a mutation the hub lacks.
   */
  acked: z.array(z.object({ seq: z.number().int(), mutationId: z.string() })),
  /** For leads and admins: their team's devices and recent rejections. */
  team: z.object({ devices: z.array(DeviceStatus), rejections: z.array(TeamRejection) }).nullable(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const HeartbeatRequest = z.strictObject({
  clientId: ClientId,
  ...Versions,
  pending: z.number().int().min(0),
  oldestPendingAt: z.number().int().nullable(),
});
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

/** Error body of every refused request. */
export const HubErrorBody = z.object({
  error: z.enum([
    'invalid_request',
    'unauthorized',
    'forbidden',
    'update_required',
    'sequence_gap',
    /** A pushed number was already used by a different mutation of this client. */
    'sequence_conflict',
    'cursor_invalid',
    'too_large',
    'rate_limited',
    'not_found',
    'internal',
  ]),
  message: z.string(),
  /** For sequence_gap: the last sequence the hub applied for this client. */
  lastMutationSeq: z.number().int().optional(),
});
export type HubErrorBody = z.infer<typeof HubErrorBody>;
