/**
 * Sync benchmarks (issue 5), on real parts only: the hub in its own process as `npm run hub` runs
 * it (embedded PostgreSQL, Fastify on loopback) and desktop cores on SQLite files in temp dirs, run as the app runs them
 * (SLA watcher on, default sync timing). Prints BENCH lines:
 * 1. initial pull of an agent's 100k customers + 100k open tasks into an empty desktop, from
 *    sign-in until the engine is online with every row (rows/s printed as a # line); and the
 *    desktop's apply of the same pages against a raw insert of the same rows, in alternating
 *    rounds (raw, apply, raw, apply, ...), the median of the per-round ratios as the target;
 * 2. push of 10k note.save mutations made offline, from reconnect until the outbox is empty
 *    (mutations/s, a # line: there is no baseline to hold it against);
 * 3. write-to-other-desktop latency (an agent's note.save reaching their lead's store), p50/p95:
 *    absolute targets, as a latency the user waits for has no baseline;
 * 4. the same rows replicated with PouchDB (server and client), their time / ours (one round each,
 *    after our hub is closed, so each has the machine to itself).
 * Stops with a non-zero exit when a workload did not happen (rows missing after the pull, offline
 * saves not all pending or not all on the hub). `--quick` runs it at a tenth of the size (figures
 * then say 10k/1k) and fewer rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core } from '../../src/main/core';
import { openStore } from '../../src/main/db/store';
import { SyncRepository } from '../../src/main/db/repositories/sync-repository';
import { ChangeCapture } from '../../src/main/db/change-capture';
import type { HubTransport } from '../../src/main/sync/hub-transport';
import { PUSH_MAX_MUTATIONS, type PulledRow } from '../../src/shared/sync/protocol';
import { SYNCED_TABLES, type RowData } from '../../src/shared/sync/synced-tables';
import { RESOURCES_DIR } from '../support/test-core';
import { POUCH_BATCH_SIZE, replicateWithPouchDB } from './pouchdb-compare';
import { PASSWORD, benchNetwork, seedScope, startBenchHub, type BenchHub, type BenchNetwork } from './sync-bench-hub';
import { bench } from './bench-line';
import { medianRatio, percentile, QUICK, requireWorkload, ROUNDS } from './rounds';

const CUSTOMERS = QUICK ? 10_000 : 100_000;
const SIZE = QUICK ? '10k' : '100k';
const OFFLINE_MUTATIONS = QUICK ? 1_000 : 10_000;
const OFFLINE_SIZE = QUICK ? '1k' : '10k';
/** Calls the offline notes are spread over (one note per call, saved again and again). */
const OFFLINE_CALLS = 100;
/** The last offline saves, timed one by one with a turn of the engine after each. */
const TIMED_OFFLINE_SAVES = 200;
const SMALL_SCOPE = 500;
const PROBES = QUICK ? 50 : 200;
/** Pause between two probe writes, so each is measured on its own and not queued behind the last. */
const PROBE_GAP_MS = 25;
const PROBE_TIMEOUT_MS = 5_000;

const MIN_APPLY_PERCENT = 50;
const MAX_PROPAGATION_MS = 50;
const MIN_VS_POUCHDB = 5;


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(ok: () => boolean, timeoutMs: number, what: string, everyMs = 5): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = (await core.dispatch(name, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const count = (core: Core, table: string): number => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

class Workspace {
  private readonly dirs: string[] = [];
  private readonly cores: Core[] = [];

  dir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-sync-'));
    this.dirs.push(dir);
    return dir;
  }

  /** A desktop as the app runs one (SLA watcher on, default sync intervals) unless told otherwise. */
  desktop(options: { hubTransport?: (hubUrl: string) => HubTransport; watch?: boolean } = {}): Core {
    const core = createCore({
      dataDir: this.dir(),
      resourcesDir: RESOURCES_DIR,
      hubTransport: options.hubTransport,
      watch: options.watch,
      sync: { deviceName: 'bench' },
      // Errors only (sync failures); the routine messages (joining a hub) would clutter the output.
      log: (message, error) => {
        if (error !== undefined) console.error(`# desktop: ${message}`, error);
      },
    });
    this.cores.push(core);
    return core;
  }

  close(core: Core): void {
    const index = this.cores.indexOf(core);
    if (index >= 0) this.cores.splice(index, 1);
    core.close();
  }

  closeDesktops(): void {
    for (const core of this.cores.splice(0)) core.close();
  }

  removeDirs(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(core: Core, hub: BenchHub, username: string): Promise<void> {
  await call(core, 'sync.signIn', { hubUrl: hub.url, username, password: PASSWORD });
  // Sign-in waits at most 20 s for the first sync; a big one goes on in the background.
  await core.sync.engine.settled();
  const status = core.sync.status();
  if (status.state !== 'online') throw new Error(`${username} is ${status.state}: ${status.lastError ?? ''}`);
}

/** The floor: the pulled rows into a fresh store with prepared INSERTs, in one transaction. */
function rawInsert(work: Workspace, pages: readonly PulledRow[][]): number {
  const { db } = openStore(work.dir(), () => Date.now());
  try {
    db.pragma('foreign_keys = OFF');
    const inserts = new Map<string, (data: RowData) => void>();
    for (const table of SYNCED_TABLES) {
      const columns = Object.keys(table.columns);
      const statement = db.prepare(`INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      inserts.set(table.name, (data) => statement.run(...columns.map((column) => data[column] ?? null)));
    }
    const started = performance.now();
    db.transaction(() => {
      for (const page of pages) for (const row of page) if (row.data) inserts.get(row.t)?.(row.data);
    })();
    return performance.now() - started;
  } finally {
    db.close();
  }
}

/**
 * What the desktop does with the same pages, as SyncEngine calls it: SyncRepository.applyPull, one
 * transaction per page, with change capture on (a signed-in desktop) and paused around each page.
 */
function applyPages(work: Workspace, pages: readonly PulledRow[][]): number {
  const { db } = openStore(work.dir(), () => Date.now());
  try {
    const repo = new SyncRepository(db);
    const capture = new ChangeCapture(db);
    capture.setEnabled(true);
    const started = performance.now();
    // A first pull is a reset into an empty store: nothing to track, nothing to remove at its end.
    const reset = { seen: null, ending: false };
    pages.forEach((rows, index) => {
      reset.ending = index === pages.length - 1;
      capture.paused(() => repo.applyPull({ rows, acked: [], rejected: [] }, () => repo.setState('cursor', `page ${index}`), reset));
    });
    return performance.now() - started;
  } finally {
    db.close();
  }
}

/** Time spent inside SlaWatcher.resync, which the desktop calls after every applied pull page. */
function timeResyncs(core: Core): { ms: number; calls: number } {
  const spent = { ms: 0, calls: 0 };
  const resync = core.watcher.resync.bind(core.watcher);
  core.watcher.resync = () => {
    const started = performance.now();
    resync();
    spent.ms += performance.now() - started;
    spent.calls += 1;
  };
  return spent;
}

/** Figure 1. Returns the signed-in desktop, the pulled pages (for PouchDB) and the pull's wall time. */
async function initialPull(work: Workspace, hub: BenchHub): Promise<{ ann: Core; tasks: string[]; pages: PulledRow[][]; seconds: number; bareSeconds: number; network: BenchNetwork }> {
  let started = performance.now();
  const { tasks } = await seedScope(hub.pool, hub.userId.ann, CUSTOMERS);
  console.log(`# hub seeded with ${CUSTOMERS} customers + ${CUSTOMERS} open tasks for one agent in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const network = benchNetwork();
  const ann = work.desktop({ hubTransport: network.transport });
  const resyncs = timeResyncs(ann);
  const pages: PulledRow[][] = [];
  network.pages = pages;
  started = performance.now();
  await signIn(ann, hub, 'ann');
  const seconds = (performance.now() - started) / 1000;
  network.pages = null;
  const rows = pages.reduce((sum, page) => sum + page.length, 0);
  const customers = count(ann, 'customers');
  const held = count(ann, 'callback_tasks');
  requireWorkload(customers === CUSTOMERS && held === CUSTOMERS, `after the pull the desktop holds ${customers} customers and ${held} tasks, not ${CUSTOMERS} of each`);
  requireWorkload(rows >= 2 * CUSTOMERS, `the pull brought ${rows} rows in ${pages.length} pages, at least ${2 * CUSTOMERS} meant`);
  console.log(
    `# initial pull: ${rows} rows in ${pages.length} pages, ${seconds.toFixed(1)} s from sign-in to online; ` +
      `${((network.requestMs['/sync/pull'] ?? 0) / 1000).toFixed(1)} s waiting on pull requests (hub, HTTP, parse), ` +
      `${(resyncs.ms / 1000).toFixed(1)} s in SlaWatcher.resync (${resyncs.calls} calls, one per applied page with rows)`,
  );
  console.log(`# initial pull ${SIZE}: ${Math.round(rows / seconds)} rows/s from sign-in to online`);

  // Diagnostic: the same pull into a desktop whose SLA watcher is off (as tests run it).
  const bare = work.desktop({ watch: false });
  started = performance.now();
  await signIn(bare, hub, 'ann');
  const bareSeconds = (performance.now() - started) / 1000;
  work.close(bare);
  console.log(`# the same pull with the SLA watcher off: ${bareSeconds.toFixed(1)} s = ${Math.round(rows / bareSeconds)} rows/s`);

  // The apply ratio times SyncRepository.applyPull over the very pages pulled above, in a fresh
  // store, against the raw insert of the same rows, in alternating rounds; per round raw / apply.
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const rawMs = rawInsert(work, pages);
    const applyMs = applyPages(work, pages);
    ratios.push((rawMs / applyMs) * 100);
    console.log(`# round ${round}, same ${rows} rows: raw insert ${Math.round(rows / (rawMs / 1000))} rows/s, applyPull ${Math.round(rows / (applyMs / 1000))} rows/s`);
  }
  bench('sync-initial-pull-apply-ratio', medianRatio('applyPull rate / raw insert rate', ratios, '%'), '%', '>=', MIN_APPLY_PERCENT, 0);
  return { ann, tasks, pages, seconds, bareSeconds, network };
}

/** Figure 2: note.save x10k while the hub is unreachable, then the time to an empty outbox. */
async function offlinePush(hub: BenchHub, ann: Core, tasks: readonly string[], network: BenchNetwork): Promise<void> {
  const calls: { callId: string; noteId: string }[] = [];
  for (const taskId of tasks.slice(0, OFFLINE_CALLS)) {
    const started = { callId: uuidv7(), noteId: uuidv7() };
    await call(ann, 'call.start', { taskId, ...started });
    calls.push(started);
  }
  await until(() => ann.sync.status().pending === 0, 60_000, 'the started calls to reach the hub', 20);
  await ann.sync.engine.settled();

  network.offline = true;
  let started = performance.now();
  let lastSaves = 0;
  for (let i = 0; i < OFFLINE_MUTATIONS; i++) {
    const target = calls[i % calls.length]!;
    if (i === OFFLINE_MUTATIONS - TIMED_OFFLINE_SAVES) lastSaves = performance.now();
    await call(ann, 'note.save', { ...target, body: `离线记录 ${i}：客户反映洗衣机脱水时有异响` });
    // The engine gets its turn between saves (it tries the hub when its backoff says so), as between the UI's
    // calls; after every save for the last ones, which are timed, after every tenth before them.
    if (i >= OFFLINE_MUTATIONS - TIMED_OFFLINE_SAVES || i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
  const lastSaveMs = (performance.now() - lastSaves) / TIMED_OFFLINE_SAVES;
  const writeSeconds = (performance.now() - started) / 1000;
  await until(() => ann.sync.status().state === 'offline', 10_000, 'the desktop to see it is offline');
  const pending = ann.sync.status().pending;
  requireWorkload(pending === OFFLINE_MUTATIONS, `${pending} mutations pending after the offline saves, ${OFFLINE_MUTATIONS} meant`);
  console.log(
    `# ${OFFLINE_MUTATIONS} note.save offline on the ${SIZE} store in ${writeSeconds.toFixed(1)} s; ` +
      `the last ${TIMED_OFFLINE_SAVES}, each followed by a turn of the engine: ${lastSaveMs.toFixed(2)} ms per save`,
  );

  network.offline = false;
  network.requestMs = {};
  started = performance.now();
  await call(ann, 'sync.now', {});
  await until(() => ann.sync.status().pending === 0, 300_000, 'the outbox to empty');
  const seconds = (performance.now() - started) / 1000;
  const last = calls[(OFFLINE_MUTATIONS - 1) % calls.length]!;
  const onHub = await hub.pool.query("SELECT data->>'body' AS body FROM entities WHERE kind = 'notes' AND id = $1", [last.noteId]);
  requireWorkload(String(onHub.rows[0]?.body).startsWith(`离线记录 ${OFFLINE_MUTATIONS - 1}：`), 'the last offline note did not reach the hub');
  const rejections = ann.sync.status().rejections.length;
  requireWorkload(rejections === 0, `${rejections} of the ${OFFLINE_MUTATIONS} offline mutations were rejected`);
  console.log(
    `# reconnect to empty outbox: ${seconds.toFixed(1)} s, of which ${((network.requestMs['/sync/push'] ?? 0) / 1000).toFixed(1)} s waiting on ` +
      `${Math.ceil(OFFLINE_MUTATIONS / PUSH_MAX_MUTATIONS)} push requests of up to ${PUSH_MAX_MUTATIONS} and ${((network.requestMs['/sync/pull'] ?? 0) / 1000).toFixed(1)} s on pulls`,
  );
  console.log(`# push ${OFFLINE_SIZE}: ${Math.round(OFFLINE_MUTATIONS / seconds)} mutations/s from reconnect to an empty outbox`);
}

/** Figure 3: an agent's note.save until the same text is in their lead's store (both desktops online, loopback). */
async function propagation(work: Workspace, hub: BenchHub): Promise<void> {
  const { tasks } = await seedScope(hub.pool, hub.userId.cai, SMALL_SCOPE);
  const cai = work.desktop();
  const lead = work.desktop();
  await signIn(cai, hub, 'cai');
  await signIn(lead, hub, 'leadb');
  const note = { callId: uuidv7(), noteId: uuidv7() };
  await call(cai, 'call.start', { taskId: tasks[0], ...note });
  const readBody = lead.db.prepare('SELECT body FROM notes WHERE id = ?').pluck();
  await until(() => readBody.get(note.noteId) !== undefined, 10_000, 'the started call to reach the lead');

  let armed = false;
  let committedAt = 0;
  let expected: string | null = null;
  let seen: ((at: number) => void) | null = null;
  // The agent's store emits data.changed right after the mutation's commit (before the push starts).
  cai.on('data.changed', ({ entities }) => {
    if (armed && entities.includes('notes')) {
      committedAt = performance.now();
      armed = false;
    }
  });
  // The lead's store emits it after each applied pull page.
  lead.on('data.changed', () => {
    if (expected !== null && readBody.get(note.noteId) === expected) seen?.(performance.now());
  });
  const latencies: number[] = [];
  let timeouts = 0;
  for (let i = 0; i < PROBES; i++) {
    expected = `第${i}次回访记录：客户满意`;
    const arrived = new Promise<number>((resolve) => {
      seen = resolve;
      setTimeout(() => resolve(Number.NaN), PROBE_TIMEOUT_MS).unref();
    });
    armed = true;
    await call(cai, 'note.save', { ...note, body: expected });
    const at = await arrived;
    // A lost write counts as the timeout (and is said below), it does not stop the other figures.
    if (Number.isNaN(at)) timeouts += 1;
    latencies.push(Number.isNaN(at) ? PROBE_TIMEOUT_MS : at - committedAt);
    expected = null;
    seen = null;
    await sleep(PROBE_GAP_MS);
  }
  console.log(`# ${PROBES} note.save from an agent to their lead (${SMALL_SCOPE}-customer scope, ${PROBE_GAP_MS} ms apart): max ${Math.max(...latencies).toFixed(1)} ms, ${timeouts} not there after ${PROBE_TIMEOUT_MS} ms`);
  bench('sync-propagation-p50', percentile(latencies, 0.5), 'ms', '<=', MAX_PROPAGATION_MS);
  bench('sync-propagation-p95', percentile(latencies, 0.95), 'ms', '<=', MAX_PROPAGATION_MS);
}

/** Figure 4, after our hub and desktops are closed so both runs have the machine to themselves. */
async function versusPouchDB(pages: readonly PulledRow[][], ourSeconds: number, bareSeconds: number): Promise<void> {
  const id = `sync-vs-pouchdb-${SIZE}`;
  try {
    const pouch = await replicateWithPouchDB(pages);
    console.log(
      `# pouchdb ${pouch.version}: ${pouch.docs} docs loaded into the server in ${pouch.loadSeconds.toFixed(1)} s; ` +
        `pull replication (batch_size ${POUCH_BATCH_SIZE}) ${pouch.seconds.toFixed(1)} s = ${Math.round(pouch.docs / pouch.seconds)} docs/s; ` +
        `ours ${ourSeconds.toFixed(1)} s (${(pouch.seconds / bareSeconds).toFixed(2)}x against ours with the SLA watcher off)`,
    );
    bench(id, pouch.seconds / ourSeconds, 'x', '>=', MIN_VS_POUCHDB, 2);
  } catch (error) {
    console.log(`# PouchDB could not be run: ${error instanceof Error ? error.message : String(error)}`);
    console.log(`BENCH ${id} n/a x target >=${MIN_VS_POUCHDB} MISS`);
  }
}

async function main(): Promise<void> {
  const work = new Workspace();
  let hub: BenchHub | null = null;
  // The figures are wall times on a shared machine: say how busy it was.
  const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(`# ${availableParallelism()} cores, load average ${load()} at the start`);
  try {
    let started = performance.now();
    hub = await startBenchHub();
    console.log(`# hub up (embedded PostgreSQL, migrated) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const first = await initialPull(work, hub);
    await offlinePush(hub, first.ann, first.tasks, first.network);
    // Each desktop has a machine of its own in real life; here they share one process.
    work.close(first.ann);
    await propagation(work, hub);
    work.closeDesktops();
    started = performance.now();
    await hub.close();
    hub = null;
    console.log(`# hub closed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await versusPouchDB(first.pages, first.seconds, first.bareSeconds);
    console.log(`# load average ${load()} at the end`);
  } finally {
    work.closeDesktops();
    await hub?.close();
    work.removeDirs();
  }
}

await main();
