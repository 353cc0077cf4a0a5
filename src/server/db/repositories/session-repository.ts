import type { AgentRole } from '../../../shared/domain/model';
import type { Queryable } from '../queryable';

export interface NewSession {
  id: string;
  /** sha256 of the bearer token. */
  tokenHash: Buffer;
  userId: string;
  clientId: string | null;
  createdAt: number;
  expiresAt: number;
}

/** A session with what authorisation needs from its user. */
export interface SessionWithUser {
  sessionId: string;
  userId: string;
  role: AgentRole;
  teamId: string | null;
  clientId: string | null;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number;
  userDisabled: boolean;
}

export async function insertSession(db: Queryable, session: NewSession): Promise<void> {
  await db.query(
    `insert into sessions (id, token_hash, user_id, client_id, created_at, expires_at, last_used_at)
     values ($1, $2, $3, $4, $5, $6, $5)`,
    [session.id, session.tokenHash, session.userId, session.clientId, session.createdAt, session.expiresAt],
  );
}

export async function findSessionByTokenHash(db: Queryable, tokenHash: Buffer): Promise<SessionWithUser | null> {
  const { rows } = await db.query<SessionWithUser>(
    `select s.id as "sessionId", s.user_id as "userId", u.role, u.team_id as "teamId", s.client_id as "clientId",
            s.expires_at as "expiresAt", s.revoked_at as "revokedAt", s.last_used_at as "lastUsedAt",
            u.disabled as "userDisabled"
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Records use, unless it was recorded after `unlessUsedSince` (so a busy client is not a write per request). */
export async function touchSession(db: Queryable, sessionId: string, now: number, unlessUsedSince: number): Promise<void> {
  await db.query('update sessions set last_used_at = $2 where id = $1 and last_used_at < $3', [sessionId, now, unlessUsedSince]);
}

export async function revokeSession(db: Queryable, sessionId: string, now: number): Promise<void> {
  await db.query('update sessions set revoked_at = $2 where id = $1 and revoked_at is null', [sessionId, now]);
}

/** Returns how many live sessions were revoked. */
export async function revokeUserSessions(db: Queryable, userId: string, now: number): Promise<number> {
  const { rowCount } = await db.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null and expires_at > $2', [userId, now]);
  return rowCount ?? 0;
}

export async function revokeClientSessions(db: Queryable, clientId: string, now: number): Promise<number> {
  const { rowCount } = await db.query('update sessions set revoked_at = $2 where client_id = $1 and revoked_at is null and expires_at > $2', [clientId, now]);
  return rowCount ?? 0;
}
