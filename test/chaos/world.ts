import { chmodSync, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeam } from '../../src/server/admin/teams';
import { createUser } from '../../src/server/admin/users';
import type { RowChange } from '../../src/shared/sync/protocol';
import { insertChanges, seedCustomer, type Session } from '../support/sync-seed';
import { ChaosLog } from './chaos-log';
import { DesktopHandle } from './desktop-handle';
import type { DesktopDump } from './desktop-protocol';
import { FaultProxy } from './fault-proxy';
import { HubClient, PASSWORD } from './hub-client';
import { HubProcess } from '../support/hub-process';
import { Random } from './random';

export interface ChaosOptions {
  seed: number;
  /** Length of the fault phase. */
  seconds: number;
  /** Agent desktops (team A); the lead's desktop comes on top. */
  agents: number;
  tasksPerAgent: number;
  /** Prints each line as it happens (npm run chaos); the test keeps a tail instead. */
  print?: (line: string) => void;
  /** Keep the temporary folder (logs, SQLite files, the database) for a look afterwards. */
  keepDir?: boolean;
  /**
   * Forge pushes under a desktop's own token and client id too (they take its next sequence numbers:
   * the desktop must renumber, never lose or repeat a mutation; see found-by-chaos.test.ts). On by
   * default; false leaves sequence conflicts out.
   */
  forgeOwnClient?: boolean;
  /**
   * Rows per pull page on the hub (default 25): small, so pulls and resets span pages and faults
   * land between them, with a page asked for while the last is applied.
   */
  pullPageRows?: number;
}

/** A forged request and what the hub did with it. */
export interface ForgedAttempt {
  what: string;
  ok: boolean;
  detail: string;
  mutationIds: string[];
}

/** What the run did to the hub on purpose, for the invariants. */
export interface RunEvents {
  /** Tasks the admin deleted (the deletion applied). */
  deleted: { taskId: string; ownerId: string | null }[];
  /** Reassignments that applied on the hub (admin pushes; the lead's come from its saved mutations). */
  assigned: { taskId: string; to: string }[];
  /** Work saved offline on a task deleted meanwhile: every one of these must come back rejected. */
  offlineEdits: { desktop: string; taskId: string; mutationIds: string[] }[];
  /** The lead's reassignments made on a stale view while the admin moved the task: each must lose (lost_race). */
  races: { taskId: string; mutationIds: string[] }[];
  /** Tasks in a scripted race: the admin's random reassignments leave them alone. */
  reserved: Set<string>;
  forged: ForgedAttempt[];
  /** The outsider's (team B) rows as seeded: nobody in team A may change them. */
  outsiderRows: Map<string, unknown>;
}

export interface World {
  options: ChaosOptions;
  dir: string;
  repoRoot: string;
  random: Random;
  log: ChaosLog;
  hub: HubProcess;
  client: HubClient;
  proxy: FaultProxy;
  admin: Session;
  userId: Record<string, string>;
  teamA: string[];
  agentIds: string[];
  desktops: DesktopHandle[];
  agents: DesktopHandle[];
  lead: DesktopHandle;
  /** Seeded task -> owner and customer. */
  seededTasks: Map<string, { owner: string; customer: string }>;
  outsider: { userId: string; customers: string[]; tasks: string[] };
  events: RunEvents;
  desktopLog: WriteStream;
  dumps: Map<string, DesktopDump>;
}

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const AGENT_NAMES = ['ann', 'bo', 'cai', 'dai', 'eva', 'fei'];

/** Hub, team, users, seeded customers and tasks, the proxy, and every desktop signed in through it. */
export async function buildWorld(options: ChaosOptions): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-chaos-'));
  // Run as root, the embedded PostgreSQL runs as another user, who must be able to reach its folder.
  chmodSync(dir, 0o711);
  const random = new Random(options.seed);
  const log = new ChaosLog(options.seed, options.print ?? null);
  log.line(`seed ${options.seed} (replay with CHAOS_SEED=${options.seed}); folder ${dir}`);
  const hub = await HubProcess.create(REPO_ROOT, dir, { PULL_PAGE_ROWS: String(options.pullPageRows ?? 25) });
  const desktopLog = createWriteStream(join(dir, 'desktops.log'), { flags: 'a' });
  let desktops: DesktopHandle[] = [];
  let proxy: FaultProxy | null = null;
  try {
    await hub.start();
    const pool = hub.pool;
    await createTeam(pool, { name: 'A' });
    await createTeam(pool, { name: 'B' });
    const agentNames = AGENT_NAMES.slice(0, options.agents);
    const people = [
      { username: 'lead', role: 'lead', team: 'A' },
      ...agentNames.map((username) => ({ username, role: 'agent', team: 'A' })),
      { username: 'dan', role: 'agent', team: 'B' },
      { username: 'root', role: 'admin', team: null },
    ];
    const userId: Record<string, string> = {};
    for (const [index, person] of people.entries()) {
      const user = await createUser(pool, { ...person, name: person.username.toUpperCase(), employeeNo: `E${index}`, password: PASSWORD, skills: null });
      userId[person.username] = user.id;
    }
    const client = new HubClient(hub.url, pool);
    const admin = await client.login('root');

    const seededTasks = new Map<string, { owner: string; customer: string }>();
    const outsider = { userId: userId.dan!, customers: [] as string[], tasks: [] as string[] };
    const changes: RowChange[] = [];
    let index = 0;
    for (const username of [...agentNames, 'dan']) {
      const seeds = Array.from({ length: options.tasksPerAgent }, () => seedCustomer(userId[username]!, index++, Date.now()));
      for (const seed of seeds) {
        seededTasks.set(String(seed.task.id), { owner: userId[username]!, customer: String(seed.customer.id) });
        if (username === 'dan') {
          outsider.customers.push(String(seed.customer.id));
          outsider.tasks.push(String(seed.task.id));
        }
      }
      changes.push(...insertChanges(seeds));
    }
    const seeded = await client.push(admin, { name: 'import.apply', changes });
    if (seeded.status !== 'applied') throw new Error(`seeding failed: ${seeded.reason}`);
    const outsiderRows = new Map<string, unknown>();
    const rows = await pool.query<{ kind: string; id: string; data: unknown }>('SELECT kind, id, data FROM entities WHERE customer_id = ANY($1::text[])', [outsider.customers]);
    for (const row of rows.rows) outsiderRows.set(`${row.kind}/${row.id}`, row.data);

    proxy = new FaultProxy(hub.port, random.fork('proxy'));
    await proxy.start();
    const proxyUrl = proxy.url;
    const skews = random.fork('skew');
    desktops = ['lead', ...agentNames].map((username) => {
      const hours = skews.int(2, 9) * (skews.chance(0.5) ? 1 : -1);
      return new DesktopHandle(username, username, {
        dataDir: join(dir, `desktop-${username}`),
        resourcesDir: join(REPO_ROOT, 'resources'),
        skewMs: hours * 3600_000 + skews.int(0, 59) * 60_000,
        intervalMs: 4_000,
        heartbeatMs: 2_000,
        deviceName: `chaos-${username}`,
      }, REPO_ROOT, desktopLog);
    });
    await Promise.all(desktops.map((desktop) => desktop.start()));
    for (const desktop of desktops) {
      const result = await desktop.request<{ ok: boolean; value?: { state: string }; error?: { message: string } }>('signIn', {
        input: { hubUrl: proxyUrl, username: desktop.username, password: PASSWORD },
      });
      if (!result.ok) throw new Error(`${desktop.name} could not sign in: ${result.error?.message}`);
      const token = desktop.token;
      if (!token) throw new Error(`${desktop.name} kept no session token`);
      proxy.register(token, desktop.name);
      desktop.clientId = (await desktop.dump()).state.client_id ?? null;
      log.line(`desktop ${desktop.name} signed in (skew ${(desktop.config.skewMs / 3600_000).toFixed(1)} h, state ${result.value?.state}, client ${desktop.clientId})`);
    }
    const agents = desktops.filter((desktop) => desktop.username !== 'lead');
    return {
      options, dir, repoRoot: REPO_ROOT, random, log, hub, client, proxy, admin, userId,
      teamA: ['lead', ...agentNames].map((name) => userId[name]!),
      agentIds: agentNames.map((name) => userId[name]!),
      desktops, agents, lead: desktops[0]!, seededTasks, outsider,
      events: { deleted: [], assigned: [], offlineEdits: [], races: [], reserved: new Set(), forged: [], outsiderRows },
      desktopLog, dumps: new Map(),
    };
  } catch (error) {
    await Promise.all(desktops.map((desktop) => desktop.kill()));
    await proxy?.close().catch(() => undefined);
    await hub.stop().catch(() => undefined);
    desktopLog.end();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops every process this run started and removes its folder (unless asked to keep it). */
export async function tearDown(world: World): Promise<void> {
  await Promise.all(world.desktops.map((desktop) => desktop.stop().catch(() => desktop.kill())));
  await world.proxy.close().catch(() => undefined);
  await world.hub.stop().catch(() => undefined);
  await new Promise<void>((resolve) => world.desktopLog.end(resolve));
  if (!world.options.keepDir) rmSync(world.dir, { recursive: true, force: true });
}
