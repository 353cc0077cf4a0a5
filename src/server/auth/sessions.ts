import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AgentRole } from '../../shared/domain/model';
import type { Queryable } from '../db/queryable';
import { findSessionByTokenHash, insertSession, touchSession } from '../db/repositories/session-repository';

/** Who is calling, as requireAuth puts it on the request. */
export interface AuthContext {
  sessionId: string;
  userId: string;
  role: AgentRole;
  teamId: string | null;
  /** The desktop the session was opened on (every login binds one). */
  clientId: string | null;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** last_used_at is for "who still uses the hub", not auditing: minute precision spares a write per request. */
const TOUCH_INTERVAL_MS = 60_000;
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this is stored: a leaked sessions table does not hand out working tokens. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export interface CreatedSession {
  sessionId: string;
  token: string;
  expiresAt: number;
}

export async function createSession(
  db: Queryable,
  input: { userId: string; clientId: string | null; now: number; ttlMs?: number },
): Promise<CreatedSession> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const sessionId = randomUUID();
  const expiresAt = input.now + (input.ttlMs ?? DEFAULT_SESSION_TTL_MS);
  await insertSession(db, { id: sessionId, tokenHash: hashToken(token), userId: input.userId, clientId: input.clientId, createdAt: input.now, expiresAt });
  return { sessionId, token, expiresAt };
}

/** The caller of a bearer token, or null when the token is unknown, expired, revoked, or its user disabled. */
export async function authenticate(db: Queryable, token: string, now: number): Promise<AuthContext | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const session = await findSessionByTokenHash(db, hashToken(token));
  if (!session || session.revokedAt !== null || session.expiresAt <= now || session.userDisabled) return null;
  if (session.lastUsedAt <= now - TOUCH_INTERVAL_MS) await touchSession(db, session.sessionId, now, now - TOUCH_INTERVAL_MS + 1);
  const { sessionId, userId, role, teamId, clientId } = session;
  return { sessionId, userId, role, teamId, clientId };
}
