import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createTeam } from '../../src/server/admin/teams';
import { createUser } from '../../src/server/admin/users';
import { startHub, type RunningHub } from '../../src/server/hub';
import { installSync } from '../../src/server/sync/install-sync';
import { insertChanges, login, pushAs, seedCustomer, type Session } from './sync-seed';

export const PASSWORD = 'correct horse 1';

/** The people of a small service centre: team A (a lead, two agents), team B (one agent), an admin. */
export const PEOPLE = [
  { username: 'lead', name: '王组长', employeeNo: 'L001', role: 'lead', team: 'A' },
  { username: 'ann', name: '安娜', employeeNo: 'A001', role: 'agent', team: 'A' },
  { username: 'bo', name: '李博', employeeNo: 'A002', role: 'agent', team: 'A' },
  { username: 'cai', name: '蔡文', employeeNo: 'B001', role: 'agent', team: 'B' },
  { username: 'root', name: '管理员', employeeNo: 'X001', role: 'admin', team: null },
] as const;
export type Username = (typeof PEOPLE)[number]['username'];

export interface SyncHub {
  hub: RunningHub;
  url: string;
  userId: Record<Username, string>;
  /** An admin session used to seed data. */
  admin: Session;
  /** Seeds customers (with a delivery and an open task) for an agent through an admin push. */
  seed(owner: Username | null, count: number): Promise<{ customers: string[]; tasks: string[] }>;
}

/**
 * A real hub (embedded PostgreSQL, migrations, HTTP on a free port) for one test file, with the
 * service centre above created through the admin functions.
 */
export function useSyncHub(options: { pullPageRows?: number } = {}): () => SyncHub {
  let state: SyncHub | null = null;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carecall-hub-'));
    const hub = await startHub({
      dataDir: dir,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
      routes: (app) => installSync(app, options),
      closeGraceMs: 200,
    });
    await createTeam(hub.pool, { name: 'A' });
    await createTeam(hub.pool, { name: 'B' });
    const userId = {} as Record<Username, string>;
    for (const person of PEOPLE) {
      const user = await createUser(hub.pool, { ...person, password: PASSWORD, skills: null });
      userId[person.username] = user.id;
    }
    const admin = await login(hub.url, 'root', PASSWORD);
    let index = 0;
    state = {
      hub,
      url: hub.url,
      userId,
      admin,
      async seed(owner, count) {
        const seeds = Array.from({ length: count }, () => seedCustomer(owner ? userId[owner] : null, index++, Date.now()));
        // Tests push as the admin too: take the next number from the hub, not a local count.
        const last = await hub.pool.query('SELECT last_mutation_seq FROM clients WHERE id = $1', [admin.clientId]);
        const result = await pushAs(hub.url, admin, Number(last.rows[0].last_mutation_seq), [{ name: 'import.apply', changes: insertChanges(seeds) }]);
        if (result.status !== 200 || result.body.rejected.length > 0) throw new Error(`seed failed: ${JSON.stringify(result.body)}`);
        return { customers: seeds.map((seed) => String(seed.customer.id)), tasks: seeds.map((seed) => String(seed.task.id)) };
      },
    };
  });
  afterAll(async () => {
    await state?.hub.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!state) throw new Error('the hub is not up yet');
    return state;
  };
}
