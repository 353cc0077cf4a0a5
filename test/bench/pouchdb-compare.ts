/**
 * The same rows, replicated the PouchDB way: a PouchDB server (express-pouchdb in Express 4, LevelDB,
 * its own process like our hub's PostgreSQL) holds one document per pulled row, and a pull
 * replication fills an empty local PouchDB (LevelDB on disk, like the desktop's SQLite file).
 * batch_size 1000 instead of the default 100: PouchDB's faster setting here (about 1.5-2x), so
 * the comparison is with PouchDB at its best we found, not its default.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PulledRow } from '../../src/shared/sync/protocol';
import type { PouchStatic } from './pouchdb-types';

export const POUCH_BATCH_SIZE = 1_000;

export interface PouchResult {
  docs: number;
  seconds: number;
  loadSeconds: number;
  version: string;
}

async function writeDocs(file: string, pages: readonly PulledRow[][]): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  for (const page of pages) {
    let chunk = '';
    for (const row of page) {
      if (!row.data) continue;
      chunk += `${JSON.stringify({ _id: `${row.t}:${row.id}`, t: row.t, ...row.data })}\n`;
      count += 1;
    }
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return count;
}

function startServer(dir: string, file: string): { child: ChildProcess; ready: Promise<{ port: number; loaded: number; loadMs: number }> } {
  const child = fork(join(import.meta.dirname, 'pouchdb-server.ts'), [dir, file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<{ port: number; loaded: number; loadMs: number }>((resolve, reject) => {
    child.once('message', (message: { port?: number; loaded?: number; loadMs?: number; error?: string }) => {
      if (message.error || message.port === undefined) reject(new Error(`the PouchDB server failed: ${message.error ?? 'no port'}`));
      else resolve({ port: message.port, loaded: message.loaded ?? 0, loadMs: message.loadMs ?? 0 });
    });
    child.once('exit', (code) => reject(new Error(`the PouchDB server exited (${code})`)));
  });
  return { child, ready };
}

/** Loads the rows into a PouchDB server, then times a pull replication into an empty local database. */
export async function replicateWithPouchDB(pages: readonly PulledRow[][]): Promise<PouchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-pouch-'));
  let child: ChildProcess | null = null;
  try {
    const PouchDB = createRequire(import.meta.url)('pouchdb-node') as PouchStatic;
    const file = join(dir, 'docs.ndjson');
    const docs = await writeDocs(file, pages);
    const server = startServer(join(dir, 'server'), file);
    child = server.child;
    const { port, loaded, loadMs } = await server.ready;
    if (loaded !== docs) throw new Error(`the PouchDB server loaded ${loaded} of ${docs} documents`);
    const local = new PouchDB(join(dir, 'local'));
    const started = performance.now();
    const result = await PouchDB.replicate(`http://127.0.0.1:${port}/db/rows`, local, { batch_size: POUCH_BATCH_SIZE });
    const seconds = (performance.now() - started) / 1000;
    const info = await local.info();
    await local.close();
    if (!result.ok || info.doc_count !== docs) throw new Error(`PouchDB replicated ${info.doc_count} of ${docs} documents (${JSON.stringify(result.errors)})`);
    return { docs, seconds, loadSeconds: loadMs / 1000, version: PouchDB.version };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
