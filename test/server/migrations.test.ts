import { describe, expect, it } from 'vitest';
import { LATEST_HUB_SCHEMA, migrate } from '../../src/server/db/migrate';
import { HUB_MIGRATIONS, type HubMigration } from '../../src/server/db/migrations';
import { useHubDatabases } from '../support/hub-db';

const dbs = useHubDatabases();

async function tables(pool: import('pg').Pool): Promise<string[]> {
  const { rows } = await pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
  );
  return rows.map((row) => row.table_name);
}

describe('hub migrations', () => {
  it('creates the account tables on an empty database and records each version', async () => {
    const { pool } = await dbs.fresh({ migrate: false });
    const result = await migrate(pool);
    expect(result).toEqual({ applied: HUB_MIGRATIONS.map((m) => m.version), version: LATEST_HUB_SCHEMA });
    expect(await tables(pool)).toEqual(expect.arrayContaining(['clients', 'schema_migrations', 'sessions', 'teams', 'users']));
    const { rows } = await pool.query('select version, name from schema_migrations order by version');
    expect(rows[0]).toEqual({ version: 1, name: 'accounts' });
  });

  it('does nothing when run again', async () => {
    const { pool } = await dbs.fresh();
    expect(await migrate(pool)).toEqual({ applied: [], version: LATEST_HUB_SCHEMA });
  });

  it('lets two hubs that start together migrate the same database without either failing', async () => {
    const { pool, url } = await dbs.fresh({ migrate: false });
    const other = dbs.pool(url);
    const results = await Promise.all([migrate(pool), migrate(other), migrate(pool)]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, HUB_MIGRATIONS.length]);
    const { rows } = await pool.query('select count(*) as n from schema_migrations');
    expect(rows[0].n).toBe(HUB_MIGRATIONS.length);
  });

  it('rolls a failing migration back whole and names it, keeping the versions before it', async () => {
    const { pool } = await dbs.fresh({ migrate: false });
    const broken: HubMigration = {
      version: 2,
      name: 'half-done',
      async up(client) {
        await client.query('create table half_done (id int)');
        throw new Error('boom');
      },
    };
    await expect(migrate(pool, [HUB_MIGRATIONS[0]!, broken])).rejects.toThrow('Hub migration 2 (half-done) failed: boom');
    expect(await tables(pool)).not.toContain('half_done');
    const { rows } = await pool.query('select version from schema_migrations');
    expect(rows).toEqual([{ version: 1 }]);

    const fixed: HubMigration = { ...broken, up: async (client) => void (await client.query('create table half_done (id int)')) };
    expect(await migrate(pool, [HUB_MIGRATIONS[0]!, fixed])).toEqual({ applied: [2], version: 2 });
  });

  it('refuses a database migrated by a newer hub', async () => {
    const { pool } = await dbs.fresh();
    await pool.query("insert into schema_migrations (version, name) values (99, 'from the future')");
    await expect(migrate(pool)).rejects.toThrow(/schema version 99, newer than this hub knows .* update the hub/);
  });

  it('refuses a migration list with a gap or out of order', async () => {
    const { pool } = await dbs.fresh({ migrate: false });
    const skipped: HubMigration = { version: 3, name: 'skipped', up: async () => undefined };
    await expect(migrate(pool, [HUB_MIGRATIONS[0]!, skipped])).rejects.toThrow(/numbered 1, 2, 3/);
  });

  it('enforces the account rules in the schema: lower-case roles only, unique device codes', async () => {
    const { pool } = await dbs.fresh();
    await expect(
      pool.query("insert into users (id, username, name, employee_no, role, password_hash, created_at) values ('u1', 'a', 'A', 'E1', 'boss', 'x', 0)"),
    ).rejects.toThrow(/check constraint/);
    await pool.query("insert into users (id, username, name, employee_no, role, password_hash, created_at) values ('u1', 'a', 'A', 'E1', 'agent', 'x', 0)");
    const insertClient = (id: string) =>
      pool.query("insert into clients (id, user_id, device_code, protocol_version, schema_version, created_at, last_seen_at) values ($1, 'u1', 'K7QD', 2, 4, 0, 0)", [id]);
    await insertClient('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    await expect(insertClient('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c')).rejects.toThrow(/duplicate key/);
  });
});
