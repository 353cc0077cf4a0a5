/**
 * CRM import and planning, each against a raw baseline in alternating rounds (baseline, subject,
 * baseline, subject, ...; the median of the per-round ratios is the figure):
 * - a 100k-row delivery export as GBK CSV and as XLSX, end to end as the import screen drives it
 *   (upload, preview, dry run, apply with its planning), against the raw insert of the same
 *   customers and purchases into the same tables (plain statements prepared once, one transaction);
 * - planning callbacks for those 100k deliveries (planning.run), against the raw insert of the
 *   very tasks it planned into the same table.
 * Every date comes from the bench's clock (its start) and the fixtures are relative to it. Stops
 * with a non-zero exit when an import creates fewer rows than its file has or plans no callbacks.
 * `--quick`: 10k rows, two rounds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core } from '../../src/main/core';
import type { Clock } from '../../src/main/clock';
import { deliveryRow, writeBigCsv, writeBigXlsx } from '../support/import-files';
import { RESOURCES_DIR } from '../support/test-core';
import { bench } from './bench-line';
import { medianRatio, QUICK, requireWorkload, ROUNDS } from './rounds';

const ROWS = QUICK ? 10_000 : 100_000;
const SIZE = QUICK ? '10k' : '100k';
/** The import end to end at >= 50% of the raw insert rate, i.e. at most 2x its time; the same for planning. */
const MAX_SLOWDOWN = 2;
/** Most deliveries have their long-term (+90 d) callback ahead, many the stable one too (import-files.ts). */
const MIN_CALLBACKS = ROWS / 2;

/** The bench's clock: its start, so the fixtures' dates and the core's "now" agree. */
const AS_OF = Date.now();
const clock: Clock = { now: () => AS_OF };

function freshCore(): { core: Core; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-import-'));
  const core = createCore({ dataDir: dir, resourcesDir: RESOURCES_DIR, clock, watch: false, log: () => undefined });
  return { core, dir };
}

function dispose({ core, dir }: { core: Core; dir: string }): void {
  core.close();
  rmSync(dir, { recursive: true, force: true });
}

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = (await core.dispatch(name, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const count = (core: Core, table: string): number => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** The customers the generated file names (about one per 1.5 rows). */
function customersInFile(): number {
  const seen = new Set<string>();
  for (let i = 0; i < ROWS; i++) seen.add(deliveryRow(i, AS_OF).customerNo);
  return seen.size;
}

/** Upload to apply, as the import screen drives it, into a fresh store; seconds of wall time. */
async function importEndToEnd(path: string, name: string, expectedCustomers: number): Promise<{ seconds: number; tasks: number }> {
  const store = freshCore();
  const { core } = store;
  try {
    await call(core, 'workspace.createEmpty', { agentName: '王晓敏', employeeNo: 'CS1024' });
    const started = performance.now();
    const upload = core.upload(name, readFileSync(path));
    if (!upload.ok) throw new Error(upload.error.message);
    const { fileId } = upload.value;
    const { preview } = await call<{ preview: { guess: { mapping: unknown } } }>(core, 'import.preview', { fileId });
    const mapping = preview.guess.mapping;
    await call(core, 'import.dryRun', { fileId, mapping });
    const applied = await call<{ created: number; tasksPlanned: number }>(core, 'import.apply', { fileId, mapping });
    const seconds = (performance.now() - started) / 1000;
    const customers = count(core, 'customers');
    const purchases = count(core, 'purchases');
    const tasks = count(core, 'callback_tasks');
    requireWorkload(
      customers === expectedCustomers && purchases === ROWS && applied.created === customers + purchases,
      `${name}: the file has ${ROWS} purchases of ${expectedCustomers} customers; the import created ${applied.created} (store: ${customers} customers, ${purchases} purchases)`,
    );
    requireWorkload(applied.tasksPlanned >= MIN_CALLBACKS && tasks === applied.tasksPlanned, `${name}: ${applied.tasksPlanned} callbacks planned (${tasks} in the store), at least ${MIN_CALLBACKS} expected`);
    return { seconds, tasks: applied.tasksPlanned };
  } finally {
    dispose(store);
  }
}

/**
 * The floor any import pays: the file's customers and purchases straight into the same tables of
 * a fresh store, with plain statements prepared once, in one transaction; seconds. Leaves the
 * store (with an agent) for the planning round.
 */
async function rawInsert(): Promise<{ seconds: number; store: { core: Core; dir: string } }> {
  const store = freshCore();
  const { core } = store;
  await call(core, 'workspace.createEmpty', { agentName: '王晓敏', employeeNo: 'CS1024' });
  const rows = Array.from({ length: ROWS }, (_, i) => deliveryRow(i, AS_OF));
  const insertCustomer = core.db.prepare(
    `INSERT INTO customers (id, customer_no, name, gender, phone, phone_tail, tier, tags, contact_window_start, contact_window_end, time_zone, city, created_at, updated_at)
     VALUES (?, ?, ?, 'unknown', ?, ?, 'new', '[]', NULL, NULL, 'Asia/Shanghai', ?, ?, ?)`,
  );
  const insertPurchase = core.db.prepare(
    `INSERT INTO purchases (id, customer_id, product_line, model, serial_no, purchase_date, delivery_date, warranty_end, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const started = performance.now();
  core.db.transaction(() => {
    const ids = new Map<string, string>();
    for (const row of rows) {
      let customerId = ids.get(row.customerNo);
      if (!customerId) {
        customerId = uuidv7();
        ids.set(row.customerNo, customerId);
        insertCustomer.run(customerId, row.customerNo, row.name, row.phone, row.phone.slice(-4), row.city, AS_OF, AS_OF);
      }
      insertPurchase.run(uuidv7(), customerId, row.productLine, row.model, row.serialNo, row.purchaseDate, row.deliveryDate, row.warrantyEnd, AS_OF);
    }
  })();
  return { seconds: (performance.now() - started) / 1000, store };
}

/** planning.run over the raw store's deliveries; then, as its baseline, the same task rows inserted raw. */
async function planningRound(core: Core): Promise<{ planSeconds: number; rawSeconds: number; tasks: number }> {
  let started = performance.now();
  const planned = await call<{ created: number }>(core, 'planning.run', {});
  const planSeconds = (performance.now() - started) / 1000;
  requireWorkload(planned.created >= MIN_CALLBACKS, `planning ${ROWS} deliveries made ${planned.created} callbacks, at least ${MIN_CALLBACKS} expected`);
  const tasks = core.db.prepare('SELECT * FROM callback_tasks').all() as Record<string, unknown>[];
  requireWorkload(tasks.length === planned.created, `planning said ${planned.created} callbacks, the store holds ${tasks.length}`);
  core.db.prepare('DELETE FROM callback_tasks').run();
  const columns = Object.keys(tasks[0] ?? {});
  const insert = core.db.prepare(`INSERT INTO callback_tasks (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  started = performance.now();
  core.db.transaction(() => {
    for (const task of tasks) insert.run(...columns.map((column) => task[column]));
  })();
  const rawSeconds = (performance.now() - started) / 1000;
  requireWorkload(count(core, 'callback_tasks') === tasks.length, 'the raw task insert did not put back every planned task');
  return { planSeconds, rawSeconds, tasks: planned.created };
}

async function main(): Promise<void> {
  const files = mkdtempSync(join(tmpdir(), 'carecall-bench-files-'));
  try {
    const csv = await writeBigCsv(files, ROWS, { asOf: AS_OF, encoding: 'gbk' });
    const xlsx = await writeBigXlsx(files, ROWS, { asOf: AS_OF });
    const customers = customersInFile();
    console.log(`# ${ROWS} delivery rows of ${customers} customers as of ${new Date(AS_OF).toISOString()}, ${ROUNDS} alternating rounds`);
    const ratios = { csv: [] as number[], xlsx: [] as number[], planning: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      const raw = await rawInsert();
      try {
        const rawRate = ROWS / raw.seconds;
        const line = [`# round ${round}: raw insert ${Math.round(rawRate)} rows/s`];
        for (const [label, path, name] of [['csv', csv, 'deliveries.csv'], ['xlsx', xlsx, 'deliveries.xlsx']] as const) {
          const result = await importEndToEnd(path, name, customers);
          ratios[label].push(result.seconds / raw.seconds);
          line.push(`${label} ${Math.round(ROWS / result.seconds)} rows/s with ${result.tasks} callbacks planned`);
        }
        const planning = await planningRound(raw.store.core);
        ratios.planning.push(planning.planSeconds / planning.rawSeconds);
        line.push(`planning ${Math.round(planning.tasks / planning.planSeconds)} tasks/s (${planning.tasks}), raw task insert ${Math.round(planning.tasks / planning.rawSeconds)} tasks/s`);
        console.log(line.join('; '));
      } finally {
        dispose(raw.store);
      }
    }
    bench(`import-csv-${SIZE}-slowdown-vs-raw`, medianRatio('csv import time / raw insert time', ratios.csv), 'x', '<=', MAX_SLOWDOWN, 2);
    bench(`import-xlsx-${SIZE}-slowdown-vs-raw`, medianRatio('xlsx import time / raw insert time', ratios.xlsx), 'x', '<=', MAX_SLOWDOWN, 2);
    bench(`planning-${SIZE}-deliveries-slowdown-vs-raw`, medianRatio('planning time / raw insert time of its tasks', ratios.planning), 'x', '<=', MAX_SLOWDOWN, 2);
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

await main();
