import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createPool, startDatabase, type Database } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';

export interface HubTestDatabase {
  pool: pg.Pool;
  /** Connection string (for a second pool on the same database). */
  url: string;
  name: string;
}

export interface HubDatabases {
  /** A new, empty database on the file's server; migrated unless told otherwise. */
  fresh(options?: { migrate?: boolean }): Promise<HubTestDatabase>;
  /** Another pool on a database, closed after the test like the first. */
  pool(url: string): pg.Pool;
}

const TEMPLATE = 'hub_migrated';

function urlOf(server: Database, database: string): string {
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return url.toString();
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * One real (embedded) PostgreSQL per test file, in a temporary folder, and a fresh database per
 * test: tests cannot see each other's rows, and the server starts once (about a second).
 */
export function useHubDatabases(): HubDatabases {
  let dir = '';
  let server: Database | undefined;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carecall-hub-test-'));
    server = await startDatabase({ dataDir: dir, log: silent });
    // Migrated once; each test's database is a copy, which is faster than migrating every time.
    await server.pool.query(`create database ${TEMPLATE}`);
    const template = createPool(urlOf(server, TEMPLATE));
    try {
      await migrate(template);
    } finally {
      await template.end();
    }
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pool = (url: string) => {
    const made = createPool(url);
    pools.push(made);
    return made;
  };

  return {
    pool,
    async fresh(options = {}) {
      if (!server) throw new Error('useHubDatabases(): the server is not running (call fresh() inside a test)');
      const name = `test_${randomBytes(6).toString('hex')}`;
      const migrated = options.migrate !== false;
      await server.pool.query(`create database ${name}${migrated ? ` template ${TEMPLATE}` : ''}`);
      const url = urlOf(server, name);
      return { pool: pool(url), url, name };
    },
  };
}
