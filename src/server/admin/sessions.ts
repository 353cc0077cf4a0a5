import type pg from 'pg';
import { systemClock, type Clock } from '../clock';
import { revokeUserSessions } from '../db/repositories/session-repository';
import { findUserByUsername } from '../db/repositories/user-repository';
import { AdminError } from './admin-error';

/** Signs the user out everywhere: every desktop must sign in again. Returns how many sessions ended. */
export async function revokeSessions(pool: pg.Pool, username: string, clock: Clock = systemClock): Promise<number> {
  const user = await findUserByUsername(pool, username.trim().toLowerCase());
  if (!user) throw new AdminError(`there is no user "${username}"`);
  return revokeUserSessions(pool, user.id, clock.now());
}
