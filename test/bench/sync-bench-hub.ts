/**
 * The real parts the sync benchmark runs on: the hub as `npm run hub` runs it, in its own process
 * (as it is a server of its own in a service centre, and as the PouchDB server of the comparison
 * is), on an embedded PostgreSQL with two teams; a bulk seed of an agent's scope straight into
 * the hub's tables; and a desktop transport the benchmark can cut (offline) and that records the
 * pulled pages.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { createTeam } from '../../src/server/admin/teams';
import { createUser } from '../../src/server/admin/users';
import { HubRequestError, httpTransport, type HubTransport } from '../../src/main/sync/hub-transport';
import type { PulledRow, PullResponse } from '../../src/shared/sync/protocol';
import type { RowData } from '../../src/shared/sync/synced-tables';
import { HubProcess } from '../support/hub-process';
import { seedCustomer } from '../support/sync-seed';
import { REPO_ROOT } from '../support/test-core';

export const PASSWORD = 'correct horse 1';

/** Team A: a lead and the agent with the big scope; team B: a lead and an agent with a small one. */
const PEOPLE = [
  { username: 'lead', name: '王组长', employeeNo: 'L001', role: 'lead', team: 'A' },
  { username: 'ann', name: '安娜', employeeNo: 'A001', role: 'agent', team: 'A' },
  { username: 'leadb', name: '赵组长', employeeNo: 'L002', role: 'lead', team: 'B' },
  { username: 'cai', name: '蔡文', employeeNo: 'B001', role: 'agent', team: 'B' },
  { username: 'root', name: '管理员', employeeNo: 'X001', role: 'admin', team: null },
] as const;
export type Username = (typeof PEOPLE)[number]['username'];

export interface BenchHub {
  /** The benchmark's own pool on the hub's database, for seeding and checks. */
  pool: Pool;
  url: string;
  userId: Record<Username, string>;
  close(): Promise<void>;
}

export async function startBenchHub(): Promise<BenchHub> {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-hub-'));
  // Run as root, the embedded PostgreSQL runs as another user, who must be able to reach its folder.
  chmodSync(dir, 0o711);
  let hub: HubProcess | null = null;
  try {
    hub = await HubProcess.create(REPO_ROOT, dir);
    // The hub migrates the database as it starts.
    await hub.start();
    await createTeam(hub.pool, { name: 'A' });
    await createTeam(hub.pool, { name: 'B' });
    const userId = {} as Record<Username, string>;
    for (const person of PEOPLE) userId[person.username] = (await createUser(hub.pool, { ...person, password: PASSWORD, skills: null })).id;
    const running = hub;
    return {
      pool: running.pool,
      url: running.url,
      userId,
      async close() {
        await running.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await hub?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

let seeded = 0;

/**
 * `count` customers, each with one open callback task owned by `ownerId`, written the way the push
 * path writes an admin's import (apply-mutation.ts): one hub version per transaction of `chunk`
 * customers, `entities` rows with their customer and owner, and the owner's `scope_refs`. Straight
 * SQL because 200k changes through the push path would take minutes; the pull under test reads
 * exactly these tables. (No purchases: the tasks' purchase_id is null, a valid value.)
 */
export async function seedScope(pool: Pool, ownerId: string, count: number, chunk = 5_000): Promise<{ customers: string[]; tasks: string[] }> {
  const customers: string[] = [];
  const tasks: string[] = [];
  const now = Date.now();
  for (let from = 0; from < count; from += chunk) {
    const rows: { kind: string; id: string; data: RowData; customer_id: string; owner_id: string | null }[] = [];
    const refs: string[] = [];
    for (let i = from; i < Math.min(count, from + chunk); i++) {
      const index = seeded++;
      const seed = seedCustomer(ownerId, index, now);
      const phone = `138${String(index).padStart(8, '0')}`;
      const customer: RowData = { ...seed.customer, phone, phone_tail: phone.slice(-4) };
      const task: RowData = { ...seed.task, purchase_id: null, purpose_key: `routine_early:${String(seed.task.id)}` };
      const customerId = String(customer.id);
      rows.push({ kind: 'customers', id: customerId, data: customer, customer_id: customerId, owner_id: null });
      rows.push({ kind: 'callback_tasks', id: String(task.id), data: task, customer_id: customerId, owner_id: ownerId });
      refs.push(customerId);
      customers.push(customerId);
      tasks.push(String(task.id));
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const version = Number((await client.query<{ version: string }>('UPDATE hub_state SET version = version + 1 WHERE id = 1 RETURNING version')).rows[0]?.version);
      await client.query(
        `INSERT INTO entities (kind, id, data, deleted, version, customer_id, owner_id, updated_at)
         SELECT x.kind, x.id, x.data, false, $2, x.customer_id, x.owner_id, $3
           FROM jsonb_to_recordset($1::jsonb) AS x(kind text, id text, data jsonb, customer_id text, owner_id text)`,
        [JSON.stringify(rows), version, now],
      );
      await client.query('INSERT INTO scope_refs (user_id, customer_id, refs) SELECT $1, unnest($2::text[]), 1', [ownerId, refs]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  // What autovacuum does on a running hub after a big import: the planner sees the new sizes.
  await pool.query('ANALYZE entities; ANALYZE scope_refs');
  return { customers, tasks };
}

/** A network the benchmark cuts, and a record of the pull pages with the time spent waiting on them. */
export interface BenchNetwork {
  offline: boolean;
  /** While set, every pulled page is kept here. */
  pages: PulledRow[][] | null;
  /** Wall time inside requests (HTTP, the hub's work, parsing) by path, e.g. '/sync/pull'. */
  requestMs: Record<string, number>;
  transport: (hubUrl: string) => HubTransport;
}

export function benchNetwork(): BenchNetwork {
  const cut = () => new HubRequestError(0, null, 'network cut by the benchmark');
  const network: BenchNetwork = {
    offline: false,
    pages: null,
    requestMs: {},
    transport: (hubUrl) => {
      const real = httpTransport(hubUrl);
      return {
        async post(path, body, token, parse) {
          if (network.offline) throw cut();
          const started = performance.now();
          const answer = await real.post(path, body, token, parse);
          network.requestMs[path] = (network.requestMs[path] ?? 0) + performance.now() - started;
          if (path === '/sync/pull') network.pages?.push((answer as unknown as PullResponse).rows);
          return answer;
        },
        listen: (token, onPoke, onOpen, signal) => (network.offline ? Promise.reject(cut()) : real.listen(token, onPoke, onOpen, signal)),
      };
    },
  };
  return network;
}
