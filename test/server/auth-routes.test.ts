import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginResponse, PROTOCOL_VERSION, type HubErrorBody } from '../../src/shared/sync/protocol';
import { revokeSessions } from '../../src/server/admin/sessions';
import { createTeam } from '../../src/server/admin/teams';
import { createUser, disableUser } from '../../src/server/admin/users';
import { buildHub, type BuildHubOptions } from '../../src/server/app';
import { authOf } from '../../src/server/auth/require-auth';
import { createHubLogger } from '../../src/server/logger';
import { useHubDatabases } from '../support/hub-db';

const dbs = useHubDatabases();

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 10, 23, 2, 0, 0);
const PC_1 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01';
const PC_2 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02';
const PASSWORD = 'correct horse 1';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A hub on a fresh database with team North and agent wang, and a route that echoes request.auth. */
async function hub(options: Partial<BuildHubOptions> = {}) {
  const { pool } = await dbs.fresh();
  let now = START;
  const clock = { now: () => now };
  const team = await createTeam(pool, { name: 'North' }, clock);
  const wang = await createUser(
    pool,
    { username: 'Wang', name: '王晓敏', employeeNo: 'CS1024', role: 'agent', team: 'North', skills: ['tv', 'fridge'], password: PASSWORD },
    clock,
  );
  const app = await buildHub({
    pool,
    clock,
    logger: false,
    loginRateLimit: { max: 1000, timeWindowMs: 60_000 },
    routes: (hubApp) => {
      hubApp.get('/whoami', { preHandler: hubApp.requireAuth }, async (request) => authOf(request));
    },
    ...options,
  });
  apps.push(app);
  return { app, pool, clock, team, wang, advance: (ms: number) => void (now += ms) };
}

function login(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  return app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username: 'wang', password: PASSWORD, clientId: PC_1, deviceName: 'Front desk PC', protocolVersion: PROTOCOL_VERSION, schemaVersion: 4, ...overrides },
  });
}

const whoami = (app: FastifyInstance, token: string) => app.inject({ method: 'GET', url: '/whoami', headers: { authorization: `Bearer ${token}` } });

describe('POST /auth/login', () => {
  it('signs in with any letter case and returns a token, the user and the desktop device code', async () => {
    const { app, team, wang } = await hub();
    const response = await login(app, { username: '  WANG ' });
    expect(response.statusCode).toBe(200);
    const body = LoginResponse.parse(response.json());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(START + 30 * DAY);
    expect(body.user).toEqual({ id: wang.id, username: 'wang', name: '王晓敏', employeeNo: 'CS1024', role: 'agent', teamId: team.id, skills: ['tv', 'fridge'] });
    expect(body.client.id).toBe(PC_1);
    expect(body.client.deviceCode).toMatch(/^[A-HJ-NP-Z2-9]{4}$/);

    const me = await whoami(app, body.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ sessionId: expect.any(String), userId: wang.id, role: 'agent', teamId: team.id, clientId: PC_1 });
  });

  it('keeps a desktop its device code across logins, gives another desktop its own, and retires the earlier token', async () => {
    const { app } = await hub();
    const first = LoginResponse.parse((await login(app)).json());
    const again = LoginResponse.parse((await login(app)).json());
    const other = LoginResponse.parse((await login(app, { clientId: PC_2 })).json());
    expect(again.client.deviceCode).toBe(first.client.deviceCode);
    expect(other.client.deviceCode).not.toBe(first.client.deviceCode);
    expect((await whoami(app, first.token)).statusCode).toBe(401);
    expect((await whoami(app, again.token)).statusCode).toBe(200);
    expect((await whoami(app, other.token)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const { app } = await hub();
    const wrongPassword = await login(app, { password: 'Correct horse 1' });
    const unknownUser = await login(app, { username: 'nobody' });
    const expected: HubErrorBody = { error: 'unauthorized', message: 'wrong username or password' };
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(expected);
    expect(unknownUser.statusCode).toBe(401);
    expect(unknownUser.json()).toEqual(expected);
  });

  it('refuses a disabled account with 403, and its sessions stop working', async () => {
    const { app, pool } = await hub();
    const { token } = LoginResponse.parse((await login(app)).json());
    await disableUser(pool, 'wang');
    const refused = await login(app);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('disabled') });
    expect((await whoami(app, token)).statusCode).toBe(401);
  });

  it('tells a desktop too old to pull that it must update (426)', async () => {
    const { app } = await hub();
    const response = await login(app, { protocolVersion: 1 });
    expect(response.statusCode).toBe(426);
    expect(response.json()).toMatchObject({ error: 'update_required', message: expect.stringContaining('update CareCall') });
  });

  it('refuses a desktop registered to another user with 409', async () => {
    const { app, pool } = await hub();
    await createUser(pool, { username: 'li', name: '李娜', employeeNo: 'CS2048', role: 'agent', password: PASSWORD });
    expect((await login(app)).statusCode).toBe(200);
    const taken = await login(app, { username: 'li' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ error: 'forbidden', message: 'this device is registered to another user; sign out there or use a new client id' });
    expect((await login(app, { username: 'li', clientId: PC_2 })).statusCode).toBe(200);
  });

  it('rejects a malformed body with 400 naming the field, and a body that is not JSON', async () => {
    const { app } = await hub();
    const badClient = await login(app, { clientId: 'not-a-uuid' });
    expect(badClient.statusCode).toBe(400);
    expect(badClient.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('clientId') });
    const extraField = await login(app, { admin: true });
    expect(extraField.statusCode).toBe(400);
    expect(extraField.json().message).toContain('admin');
    const notJson = await app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a body over 8 MiB with 413 too_large', async () => {
    const { app } = await hub();
    const payload = JSON.stringify({ username: 'wang', password: PASSWORD, padding: 'x'.repeat(8 * 1024 * 1024) });
    const response = await app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'too_large', message: expect.stringContaining('8 MiB') });
  });

  it('limits sign-in attempts per address and username (429), leaving other usernames alone', async () => {
    const { app } = await hub({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    for (let attempt = 0; attempt < 3; attempt++) expect((await login(app, { password: 'guess' })).statusCode).toBe(401);
    const limited = await login(app);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('try again') });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(app, { username: 'someone-else' })).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('signs out with POST /auth/logout: the token is refused afterwards', async () => {
    const { app } = await hub();
    const { token } = LoginResponse.parse((await login(app)).json());
    const logout = await app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(logout.statusCode).toBe(204);
    const after = await whoami(app, token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'unauthorized' });
    expect((await app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('expires a session after its lifetime on the hub clock', async () => {
    const { app, advance } = await hub({ sessionTtlMs: 7 * DAY });
    const { token, expiresAt } = LoginResponse.parse((await login(app)).json());
    expect(expiresAt).toBe(START + 7 * DAY);
    advance(7 * DAY - 1);
    expect((await whoami(app, token)).statusCode).toBe(200);
    advance(1);
    expect((await whoami(app, token)).statusCode).toBe(401);
  });

  it('ends every session of a user revoked by an admin', async () => {
    const { app, pool, clock } = await hub();
    const one = LoginResponse.parse((await login(app)).json());
    const two = LoginResponse.parse((await login(app, { clientId: PC_2 })).json());
    // On the hub's clock: the machine's date has nothing to do with when the admin revoked them.
    expect(await revokeSessions(pool, 'WANG', clock)).toBe(2);
    expect((await whoami(app, one.token)).statusCode).toBe(401);
    expect((await whoami(app, two.token)).statusCode).toBe(401);
    expect((await login(app)).statusCode).toBe(200);
  });

  it('answers 401 without a bearer token or with a made-up one', async () => {
    const { app } = await hub();
    const none = await app.inject({ method: 'GET', url: '/whoami' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('sign in') });
    expect((await whoami(app, 'A'.repeat(43))).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/whoami', headers: { authorization: 'Basic d2FuZzp4' } })).statusCode).toBe(401);
  });

  it('never writes a password or a token to the log, even at debug level', async () => {
    const lines: string[] = [];
    const logger = createHubLogger({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const { app } = await hub({ logger });
    const { token } = LoginResponse.parse((await login(app)).json());
    await login(app, { password: 'my-wrong-guess' });
    await whoami(app, token);
    app.log.info({ password: PASSWORD, req: { headers: { authorization: `Bearer ${token}` } } }, 'a careless log call');
    const log = lines.join('');
    expect(log).toContain('/auth/login');
    expect(log).toContain('a careless log call');
    for (const secret of [PASSWORD, 'my-wrong-guess', token]) expect(log).not.toContain(secret);
  });

  it('answers an unknown route with the hub error shape', async () => {
    const { app } = await hub();
    const response = await app.inject({ method: 'GET', url: '/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'the hub has no GET /nothing-here' });
  });
});
