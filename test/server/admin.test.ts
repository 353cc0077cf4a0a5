import { describe, expect, it } from 'vitest';
import { AdminError } from '../../src/server/admin/admin-error';
import { revokeSessions } from '../../src/server/admin/sessions';
import { createTeam, listTeams } from '../../src/server/admin/teams';
import { createUser, disableUser, listUsers, type CreateUserInput } from '../../src/server/admin/users';
import { logIn } from '../../src/server/auth/login';
import { authenticate, createSession } from '../../src/server/auth/sessions';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol';
import { useHubDatabases } from '../support/hub-db';

const dbs = useHubDatabases();
const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);
const clock = { now: () => NOW };

const agent = (overrides: Partial<CreateUserInput> = {}): CreateUserInput => ({
  username: 'wang',
  name: '王晓敏',
  employeeNo: 'CS1024',
  role: 'agent',
  team: null,
  skills: null,
  password: 'correct horse 1',
  ...overrides,
});

describe('admin: teams', () => {
  it('creates teams and lists them by name with their member counts', async () => {
    const { pool } = await dbs.fresh();
    await createTeam(pool, { name: ' South ' }, clock);
    await createTeam(pool, { name: 'North' }, clock);
    await createUser(pool, agent({ team: 'North' }), clock);
    expect((await listTeams(pool)).map(({ name, members, createdAt }) => ({ name, members, createdAt }))).toEqual([
      { name: 'North', members: 1, createdAt: NOW },
      { name: 'South', members: 0, createdAt: NOW },
    ]);
  });

  it('refuses a second team of the same name, and an empty name', async () => {
    const { pool } = await dbs.fresh();
    await createTeam(pool, { name: 'North' });
    await expect(createTeam(pool, { name: 'North' })).rejects.toThrow(new AdminError('a team named "North" already exists'));
    await expect(createTeam(pool, { name: '  ' })).rejects.toThrow(AdminError);
  });
});

describe('admin: users', () => {
  it('creates a user who can then sign in, and lists users without their password hashes', async () => {
    const { pool } = await dbs.fresh();
    await createTeam(pool, { name: 'North' });
    const created = await createUser(pool, agent({ username: 'Wang', team: 'North', skills: ['tv', ' fridge ', ''], role: 'senior_agent' }), clock);
    expect(created).toMatchObject({ username: 'wang', role: 'senior_agent', teamName: 'North', skills: ['tv', 'fridge'], disabled: false });
    const users = await listUsers(pool);
    expect(users).toEqual([created]);
    expect(JSON.stringify(users)).not.toContain('scrypt');

    const login = { username: 'WANG', password: 'correct horse 1', clientId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01', deviceName: '', protocolVersion: PROTOCOL_VERSION, schemaVersion: 4 };
    const session = await logIn(pool, login, { now: NOW, sessionTtlMs: 60_000 });
    expect(session.user.id).toBe(created.id);
  });

  it('explains what is wrong with a user it cannot create', async () => {
    const { pool } = await dbs.fresh();
    await createUser(pool, agent());
    const refusal = (input: Partial<CreateUserInput>) => createUser(pool, agent(input)).then(() => 'created', (error: Error) => `${error.name}: ${error.message}`);
    expect(await refusal({ username: 'WANG', employeeNo: 'CS1' })).toBe('AdminError: the username "wang" is taken');
    expect(await refusal({ username: 'li' })).toBe('AdminError: employee number CS1024 already belongs to user "wang"');
    expect(await refusal({ username: 'li', employeeNo: 'CS2', role: 'boss' })).toBe('AdminError: "boss" is not a role; use one of agent, senior_agent, lead, admin');
    expect(await refusal({ username: 'li', employeeNo: 'CS2', team: 'Nowhere' })).toBe('AdminError: there is no team "Nowhere"; create it first with: team create "Nowhere"');
    expect(await refusal({ username: 'li', employeeNo: 'CS2', password: 'short' })).toBe('AdminError: a password must be 8 to 200 characters');
    expect(await refusal({ username: 'li wen', employeeNo: 'CS2' })).toBe('AdminError: a username must be 1 to 100 characters without spaces');
    expect((await listUsers(pool)).map((user) => user.username)).toEqual(['wang']);
  });

  it('disables a user: listed as disabled, signed out everywhere, unknown names refused', async () => {
    const { pool } = await dbs.fresh();
    const user = await createUser(pool, agent());
    const { token } = await createSession(pool, { userId: user.id, clientId: null, now: NOW });
    expect(await authenticate(pool, token, NOW)).not.toBeNull();
    expect(await disableUser(pool, 'Wang', clock)).toEqual({ revokedSessions: 1 });
    expect((await listUsers(pool))[0]?.disabled).toBe(true);
    expect(await authenticate(pool, token, NOW)).toBeNull();
    await expect(disableUser(pool, 'nobody')).rejects.toThrow(new AdminError('there is no user "nobody"'));
  });
});

describe('admin: sessions', () => {
  it('revokes every live session of one user and no one else', async () => {
    const { pool } = await dbs.fresh();
    const wang = await createUser(pool, agent());
    const li = await createUser(pool, agent({ username: 'li', employeeNo: 'CS2048' }));
    const wangTokens = await Promise.all([1, 2].map(() => createSession(pool, { userId: wang.id, clientId: null, now: NOW })));
    const liToken = await createSession(pool, { userId: li.id, clientId: null, now: NOW });
    expect(await revokeSessions(pool, 'wang', clock)).toBe(2);
    for (const { token } of wangTokens) expect(await authenticate(pool, token, NOW)).toBeNull();
    expect(await authenticate(pool, liToken.token, NOW)).toMatchObject({ userId: li.id, role: 'agent' });
    expect(await revokeSessions(pool, 'wang', clock)).toBe(0);
    await expect(revokeSessions(pool, 'nobody')).rejects.toThrow(AdminError);
  });
});
