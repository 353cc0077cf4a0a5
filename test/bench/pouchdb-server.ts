/**
 * Child process of the sync benchmark: a PouchDB server (express-pouchdb mounted in an Express 4
 * app, LevelDB on disk) on loopback, loaded with the documents of an NDJSON file. Tells the parent
 * its port once the load is done; runs until the parent kills it.
 * Usage: node --import tsx pouchdb-server.ts <data dir> <docs.ndjson>
 */
import { createReadStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import type { PouchStatic } from './pouchdb-types';

const requireCjs = createRequire(import.meta.url);
const PouchDB = requireCjs('pouchdb-node') as PouchStatic;
const express = requireCjs('express') as () => { use(path: string, app: unknown): void; listen(port: number, host: string, ready: () => void): import('node:http').Server };
const expressPouchDB = requireCjs('express-pouchdb') as (pouch: PouchStatic, options: object) => unknown;

const LOAD_BATCH = 5_000;

async function main(): Promise<void> {
  const [dir, file] = process.argv.slice(2);
  if (!dir || !file) throw new Error('usage: pouchdb-server.ts <data dir> <docs.ndjson>');
  mkdirSync(dir, { recursive: true });
  const Pouch = PouchDB.defaults({ prefix: `${dir}/` });
  const app = express();
  app.use('/db', expressPouchDB(Pouch, { mode: 'minimumForPouchDB', logPath: `${dir}/express-pouchdb.log` }));
  const db = new Pouch('rows');
  const started = performance.now();
  let batch: object[] = [];
  let loaded = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line) continue;
    batch.push(JSON.parse(line) as object);
    if (batch.length === LOAD_BATCH) {
      await db.bulkDocs(batch);
      loaded += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await db.bulkDocs(batch);
  loaded += batch.length;
  const loadMs = performance.now() - started;
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port, loaded, loadMs });
  });
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
