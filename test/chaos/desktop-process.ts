/**
 * One CareCall desktop core in its own process, for the chaos harness: a real store (SQLite file
 * in its data folder), real sync through the harness's fault proxy, a skewed clock. It reads
 * JSON-line commands on stdin and answers each on stdout, so the harness can SIGKILL it at any
 * moment and start it again on the same folder.
 *
 *   node --import tsx test/chaos/desktop-process.ts '<json config>'
 *
 * Commands: signIn, call (any core.dispatch call; reports the outbox rows it committed as
 * `saved`), snapshot (what the workload picks from), status, settle (sync now and wait),
 * dump (every synced row, the outbox, rejections, integrity check).
 */
import { createInterface } from 'node:readline';
import { createCore } from '../../src/main/core';
import { SYNCED_TABLES, rowKey, type RowData } from '../../src/shared/sync/synced-tables';
import type { DesktopConfig, DesktopDump, DesktopSnapshot, SavedRow } from './desktop-protocol';

const config = JSON.parse(process.argv[2] ?? '{}') as DesktopConfig;
const core = createCore({
  dataDir: config.dataDir,
  resourcesDir: config.resourcesDir,
  clock: { now: () => Date.now() + config.skewMs },
  log: (message, error) => process.stderr.write(`${message}${error ? ` ${error instanceof Error ? error.message : String(error)}` : ''}\n`),
  watch: false,
  sync: { intervalMs: config.intervalMs, heartbeatMs: config.heartbeatMs, deviceName: config.deviceName },
});
const db = core.db;

const lastIssued = (): number =>
  (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined)?.seq ?? 0;

// The outbox rows each mutation committed, read the moment it committed (data.changed fires
// synchronously after the transaction, before sync is even asked to run).
let seen = lastIssued();
let captured: SavedRow[] = [];
function collect(): void {
  const rows = db.prepare('SELECT seq, mutation_id AS id, name FROM outbox WHERE seq > ? ORDER BY seq').all(seen) as SavedRow[];
  for (const row of rows) {
    captured.push(row);
    seen = Math.max(seen, row.seq);
  }
  seen = Math.max(seen, lastIssued());
}
core.on('data.changed', collect);

async function call(name: string, input: unknown): Promise<{ result: unknown; saved: SavedRow[] }> {
  collect();
  captured = [];
  const result = await core.dispatch(name, input);
  collect();
  const saved = captured;
  captured = [];
  return { result, saved };
}

function snapshot(): DesktopSnapshot {
  const me = (db.prepare("SELECT value FROM settings WHERE key = 'current_agent_id'").get() as { value: string } | undefined)?.value ?? null;
  return {
    me,
    tasks: db
      .prepare('SELECT id, customer_id AS customerId, assigned_agent_id AS assigned, status, is_open AS isOpen FROM callback_tasks ORDER BY id')
      .all() as DesktopSnapshot['tasks'],
    drafts: db
      .prepare(
        `SELECT c.id AS callId, c.task_id AS taskId, (SELECT n.id FROM notes n WHERE n.call_id = c.id ORDER BY n.created_at, n.id LIMIT 1) AS noteId
           FROM calls c WHERE c.ended_at IS NULL ORDER BY c.id`,
      )
      .all() as DesktopSnapshot['drafts'],
    tickets: db
      .prepare('SELECT id, customer_id AS customerId, owner_agent_id AS owner, status FROM tickets ORDER BY id')
      .all() as DesktopSnapshot['tickets'],
    agents: db.prepare('SELECT id, role FROM agents ORDER BY id').all() as DesktopSnapshot['agents'],
    pendingRows: (db.prepare('SELECT changes FROM outbox ORDER BY seq').all() as { changes: string | null }[]).flatMap((row) =>
      (JSON.parse(row.changes ?? '[]') as { t: string; id: string }[]).map((change) => `${change.t}/${change.id}`),
    ),
  };
}

/** The engine's current run, but never longer than `ms`: a stuck run must not block the commands behind it. */
async function settledWithin(ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([core.sync.engine.settled().then(() => true as const), late]);
  clearTimeout(timer);
  return done;
}

async function dump(stopSync: boolean): Promise<DesktopDump> {
  if (stopSync) {
    core.sync.stop();
    await settledWithin(5_000);
  }
  const rows: DesktopDump['rows'] = {};
  for (const table of SYNCED_TABLES) {
    const columns = Object.keys(table.columns);
    const all = db.prepare(`SELECT ${columns.join(', ')} FROM ${table.name}`).all() as RowData[];
    rows[table.name] = Object.fromEntries(all.map((row) => [rowKey(table, row), row]));
  }
  const state = db.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[];
  const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
  return {
    rows,
    outbox: db.prepare('SELECT seq, mutation_id AS id, name FROM outbox ORDER BY seq').all() as SavedRow[],
    rejections: db
      .prepare('SELECT mutation_id AS mutationId, seq, name, code, reason FROM sync_rejections ORDER BY seq')
      .all() as DesktopDump['rejections'],
    integrity,
    state: Object.fromEntries(state.map((row) => [row.key, row.value])),
    lastIssuedSeq: lastIssued(),
  };
}

async function handle(command: { cmd: string; [key: string]: unknown }): Promise<unknown> {
  switch (command.cmd) {
    case 'signIn':
      return core.dispatch('sync.signIn', command.input);
    case 'call':
      return call(String(command.name), command.input);
    case 'snapshot':
      return snapshot();
    case 'status':
      return core.sync.status();
    case 'settle': {
      if (core.sync.configured) core.sync.engine.kick();
      const settled = await settledWithin(20_000);
      return settled ? core.sync.status() : { ...core.sync.status(), lastError: 'the sync run did not end within 20 s' };
    }
    case 'dump':
      return dump(command.stopSync === true);
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

const write = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

// One command at a time, in order: the harness waits for each answer anyway.
let queue: Promise<void> = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line) as { id: number; cmd: string };
  queue = queue.then(async () => {
    try {
      write({ id: command.id, ok: true, value: await handle(command) });
    } catch (error) {
      write({ id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
process.stdin.on('end', () => {
  void queue.then(() => {
    core.close();
    process.exit(0);
  });
});
write({ event: 'ready', configured: core.sync.configured, lastIssuedSeq: lastIssued() });
