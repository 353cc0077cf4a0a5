import type pg from 'pg';
import type { z } from 'zod';
import { MIN_PULL_PROTOCOL, type LoginRequest, type LoginResponse } from '../../shared/sync/protocol';
import { inTransaction } from '../db/queryable';
import { findClientForUpdate, insertClientIfFree, recordClientLogin, type ClientLogin } from '../db/repositories/client-repository';
import { revokeClientSessions } from '../db/repositories/session-repository';
import { findUserByUsername, type UserRecord } from '../db/repositories/user-repository';
import { HubError } from '../http/hub-error';
import { drawDeviceCode } from './device-code';
import { verifyDummyPassword, verifyPassword } from './passwords';
import { createSession } from './sessions';

export type ParsedLogin = z.output<typeof LoginRequest>;

const wrongCredentials = () => new HubError(401, 'unauthorized', 'wrong username or password');

/**
 * Checks the password, binds the desktop's client id to the user (a new desktop gets its device
 * code here) and opens a session on it. Throws HubError for every refusal.
 */
export async function logIn(pool: pg.Pool, login: ParsedLogin, options: { now: number; sessionTtlMs: number }): Promise<LoginResponse> {
  if (login.protocolVersion < MIN_PULL_PROTOCOL) {
    throw new HubError(
      426,
      'update_required',
      `this CareCall (sync protocol ${login.protocolVersion}) is too old for the hub, which needs protocol ${MIN_PULL_PROTOCOL} or later; update CareCall and sign in again`,
    );
  }
  const user = await findUserByUsername(pool, login.username.toLowerCase());
  // Unknown users cost a full verify too, so the time taken does not reveal which usernames exist.
  if (!user) {
    await verifyDummyPassword(login.password);
    throw wrongCredentials();
  }
  if (!(await verifyPassword(login.password, user.passwordHash))) throw wrongCredentials();
  // Only after the password: the account's state is not disclosed to someone guessing.
  if (user.disabled) throw new HubError(403, 'forbidden', 'this account is disabled; ask your administrator');

  const { now } = options;
  return inTransaction(pool, async (client) => {
    const deviceCode = await bindClient(client, {
      id: login.clientId,
      userId: user.id,
      deviceName: login.deviceName,
      protocolVersion: login.protocolVersion,
      schemaVersion: login.schemaVersion,
      now,
    });
    // One live session per desktop: signing in again retires the token it held before.
    await revokeClientSessions(client, login.clientId, now);
    const session = await createSession(client, { userId: user.id, clientId: login.clientId, now, ttlMs: options.sessionTtlMs });
    return { token: session.token, expiresAt: session.expiresAt, user: toHubUser(user), client: { id: login.clientId, deviceCode } };
  });
}

/** The desktop's device code; its client id is registered to this user if it is new. */
async function bindClient(client: pg.PoolClient, login: ClientLogin): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const existing = await findClientForUpdate(client, login.id);
    if (existing) {
      if (existing.userId !== login.userId) {
        throw new HubError(409, 'forbidden', 'this device is registered to another user; sign out there or use a new client id');
      }
      await recordClientLogin(client, login);
      return existing.deviceCode;
    }
    const deviceCode = drawDeviceCode();
    if (await insertClientIfFree(client, { ...login, deviceCode })) return deviceCode;
    // Either the code was taken (draw another) or a simultaneous login registered this id (read it).
  }
  throw new Error('could not allocate a free device code');
}

function toHubUser(user: UserRecord): LoginResponse['user'] {
  return { id: user.id, username: user.username, name: user.name, employeeNo: user.employeeNo, role: user.role, teamId: user.teamId, skills: user.skills };
}
