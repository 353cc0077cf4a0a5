/**
 * CRM import and planning: a 100k-row delivery export as CSV and as XLSX, end to end (upload,
 * preview, dry run, apply with its planning) in rows/s, against the raw insert rate of the same
 * rows (customers and purchases through prepared statements, one transaction) in the same run;
 * and planning callbacks for 100k deliveries in tasks/s. Prints BENCH lines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core } from '../../src/main/core';
import { CustomerRepository } from '../../src/main/db/repositories/customer-repository';
import { PurchaseRepository } from '../../src/main/db/repositories/purchase-repository';
import { deliveryRow, writeBigCsv, writeBigXlsx } from '../support/import-files';
import { RESOURCES_DIR } from '../support/test-core';
import { bench } from './bench-line';

const ROWS = 100_000;
const MAX_SLOWDOWN = 15;
const MIN_TASKS_PER_S = 10_000;


function freshCore(): { core: Core; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-import-'));
  const core = createCore({ dataDir: dir, resourcesDir: RESOURCES_DIR, watch: false, log: () => undefined });
  return { core, dir };
}

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = (await core.dispatch(name, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** Upload to apply, as the import screen drives it; rows per second of wall time. */
async function importEndToEnd(path: string, name: string): Promise<{ rowsPerSecond: number; created: number; tasks: number }> {
  const { core, dir } = freshCore();
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
    return { rowsPerSecond: ROWS / seconds, created: applied.created, tasks: applied.tasksPlanned };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same rows straight into the store: the floor any import pays. Leaves the store for the
 * planning figure, with deliveries moved into the last days so each one implies callbacks ahead.
 */
function rawInsert(): { rowsPerSecond: number; core: Core; dir: string } {
  const { core, dir } = freshCore();
  const customers = new CustomerRepository(core.db);
  const purchases = new PurchaseRepository(core.db);
  const now = Date.now();
  const started = performance.now();
  core.db.transaction(() => {
    const ids = new Map<string, string>();
    for (let i = 0; i < ROWS; i++) {
      const row = deliveryRow(i, now);
      let customerId = ids.get(row.customerNo);
      if (!customerId) {
        customerId = uuidv7();
        ids.set(row.customerNo, customerId);
        customers.insert({ id: customerId, customerNo: row.customerNo, name: row.name, gender: 'unknown', phone: row.phone, tier: 'new', tags: [], contactWindow: null, timeZone: 'Asia/Shanghai', city: row.city }, now);
      }
      const delivered = new Date(now - (i % 5) * 86_400_000).toISOString().slice(0, 10);
      purchases.insert({ id: uuidv7(), customerId, productLine: row.productLine, model: row.model, serialNo: row.serialNo, purchaseDate: delivered, deliveryDate: delivered, warrantyEnd: row.warrantyEnd }, now);
    }
  })();
  return { rowsPerSecond: ROWS / ((performance.now() - started) / 1000), core, dir };
}

async function main(): Promise<void> {
  const files = mkdtempSync(join(tmpdir(), 'carecall-bench-files-'));
  try {
    const csv = await writeBigCsv(files, ROWS, { asOf: Date.now(), encoding: 'gbk' });
    const xlsx = await writeBigXlsx(files, ROWS, { asOf: Date.now() });
    const raw = rawInsert();
    console.log(`# raw insert: ${Math.round(raw.rowsPerSecond)} rows/s`);
    for (const [label, path, name] of [['csv', csv, 'deliveries.csv'], ['xlsx', xlsx, 'deliveries.xlsx']] as const) {
      const result = await importEndToEnd(path, name);
      console.log(`# ${label}: created ${result.created}, planned ${result.tasks} callbacks`);
      bench(`import-${label}-100k-rows-per-s`, result.rowsPerSecond, 'rows/s', '>=', 5_000, 2);
      bench(`import-${label}-100k-slowdown-vs-raw`, raw.rowsPerSecond / result.rowsPerSecond, 'x', '<=', MAX_SLOWDOWN, 2);
    }
    // Planning over the raw store's 100k deliveries (an agent so tasks can be assigned).
    await call(raw.core, 'workspace.createEmpty', { agentName: '王晓敏', employeeNo: 'CS1024' });
    const started = performance.now();
    const planned = await call<{ created: number }>(raw.core, 'planning.run', {});
    const tasksPerSecond = planned.created / ((performance.now() - started) / 1000);
    console.log(`# planning: ${planned.created} callbacks for ${ROWS} deliveries`);
    bench('planning-100k-deliveries-tasks-per-s', tasksPerSecond, 'tasks/s', '>=', MIN_TASKS_PER_S, 2);
    raw.core.close();
    rmSync(raw.dir, { recursive: true, force: true });
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

await main();
