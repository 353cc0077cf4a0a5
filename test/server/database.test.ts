import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError, startDatabase, type Database } from '../../src/server/db/database';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const warnings: string[] = [];
const log = { debug: () => undefined, info: () => undefined, warn: (message: string) => void warnings.push(message), error: () => undefined };
const REPO = join(import.meta.dirname, '..', '..');

async function withDatabase<T>(options: Parameters<typeof startDatabase>[0], use: (db: Database) => Promise<T>): Promise<T> {
  const db = await startDatabase(options);
  try {
    return await use(db);
  } finally {
    await db.stop();
  }
}

describe('the embedded database', () => {
  it('keeps its data across restarts, also after a crash left postmaster.pid behind', async () => {
    const dataDir = tempDir();
    await withDatabase({ dataDir, log }, async (db) => {
      await db.pool.query("create table notes (id bigint primary key, body text); insert into notes values (9007199254740991, 'kept')");
    });
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    const gone = spawnSync('true').pid;
    writeFileSync(join(dataDir, 'pg', 'postmaster.pid'), `${gone}\n${join(dataDir, 'pg')}\n1795470000\n5432\n`);

    const rows = await withDatabase({ dataDir, log }, async (db) => (await db.pool.query('select id, body from notes')).rows);
    // bigint comes back as a number: versions and epoch milliseconds are compared as numbers.
    expect(rows).toEqual([{ id: 9007199254740991, body: 'kept' }]);
    expect(warnings.some((w) => w.includes('stale') && w.includes('postmaster.pid'))).toBe(true);
  });

  it('refuses to start a data folder whose server another process is running, and says what to do', async () => {
    const dataDir = tempDir();
    await withDatabase({ dataDir, log }, async () => {
      const second = startDatabase({ dataDir, log });
      await expect(second).rejects.toThrow(DatabaseInUseError);
      await expect(second).rejects.toThrow(/is in use by PostgreSQL process \d+ .*DATABASE_URL=/);
    });
  });

  it('stops a server left running by a hub that was killed, and starts its own', async () => {
    const dataDir = tempDir();
    const script = `import { startDatabase } from ${JSON.stringify(join(REPO, 'src/server/db/database.ts'))};
      const quiet = { debug() {}, info() {}, warn() {}, error() {} };
      await startDatabase({ dataDir: ${JSON.stringify(dataDir)}, log: quiet });
      console.log('ready');
      setInterval(() => {}, 1000);`;
    const hub = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      hub.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      hub.on('exit', (code) => reject(new Error(`the hub process exited early (${code})`)));
    });
    hub.kill('SIGKILL');
    await new Promise((resolve) => hub.once('exit', resolve));

    const value = await withDatabase({ dataDir, log }, async (db) => (await db.pool.query('select 1 as one')).rows[0].one);
    expect(value).toBe(1);
    expect(warnings.some((w) => w.includes('left running') && w.includes('killed'))).toBe(true);
  });
});

describe('DATABASE_URL', () => {
  it('uses the given database and leaves its server running when stopped', async () => {
    const dataDir = tempDir();
    await withDatabase({ dataDir, log }, async (embedded) => {
      await withDatabase({ dataDir: '/nonexistent', databaseUrl: embedded.url, log }, async (db) => {
        expect((await db.pool.query('select current_database() as name')).rows[0].name).toBe('carecall');
      });
      expect((await embedded.pool.query('select 1 as one')).rows[0].one).toBe(1);
    });
  });

  it('fails fast with the address but not the password when the database cannot be reached', async () => {
    const attempt = startDatabase({ dataDir: '/nonexistent', databaseUrl: 'postgres://hub:s3cret@127.0.0.1:1/carecall', log });
    await expect(attempt).rejects.toThrow('Cannot reach the database at postgres://hub:***@127.0.0.1:1/carecall');
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });
});
