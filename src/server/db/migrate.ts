import type pg from 'pg';
import { HUB_MIGRATIONS, type HubMigration } from './migrations';

/** Any constant works; it only has to be the same in every hub instance. */
const MIGRATION_LOCK_KEY = 7_202_611_230_001;

export const LATEST_HUB_SCHEMA = HUB_MIGRATIONS.at(-1)?.version ?? 0;

export interface MigrateResult {
  /** Versions applied by this call (empty when the database was up to date). */
  applied: number[];
  version: number;
}

/**
 * Brings the database to the latest schema. Each migration runs in its own transaction with its
 * row in schema_migrations, so a failure leaves the last complete version. A session advisory
 * lock makes hub instances that start together take turns: the second finds nothing to do.
 */
export async function migrate(pool: pg.Pool, migrations: readonly HubMigration[] = HUB_MIGRATIONS): Promise<MigrateResult> {
  checkOrder(migrations);
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await migrateLocked(client, migrations);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function migrateLocked(client: pg.PoolClient, migrations: readonly HubMigration[]): Promise<MigrateResult> {
  await client.query(`
    create table if not exists schema_migrations (
      version int primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  const { rows } = await client.query<{ version: number }>('select version from schema_migrations order by version');
  const done = new Set(rows.map((row) => row.version));
  const newest = rows.at(-1)?.version ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (newest > latest) {
    throw new Error(`The hub database is at schema version ${newest}, newer than this hub knows (${latest}); update the hub.`);
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await client.query('begin');
    try {
      await migration.up(client);
      await client.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw new Error(`Hub migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(migration.version);
  }
  return { applied, version: Math.max(newest, ...applied) };
}

function checkOrder(migrations: readonly HubMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Hub migrations must be numbered 1, 2, 3...: ${migration.name} has version ${migration.version} at position ${index + 1}.`);
    }
  });
}
