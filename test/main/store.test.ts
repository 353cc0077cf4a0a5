import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, STORE_FILE } from '../../src/main/db/store';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const now = () => Date.UTC(2026, 10, 23, 2);

describe('local store', () => {
  it('creates a WAL store at the latest schema with foreign keys and full sync', () => {
    const dir = tempDir();
    const store = openStore(dir, now);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.notice).toBeNull();
    store.db.close();
  });

  it('moves a corrupt file aside, says so, and starts on a fresh file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, STORE_FILE), 'this is not a database, it is a shopping list'.repeat(200));
    const core = startCore(dir);
    const session = await call(core, 'session.get', {});
    expect(session.storeNotice).toMatch(/could not be used/);
    expect(session.workspace).toBe('empty');
    const moved = readdirSync(dir).filter((f) => f.startsWith(`${STORE_FILE}.unusable-`));
    expect(moved).toHaveLength(1);
    expect(session.storeNotice).toContain(moved[0]);
    core.close();
  });

  it('never overwrites a store written by a newer CareCall', async () => {
    const dir = tempDir();
    const newer = new Database(join(dir, STORE_FILE));
    newer.exec('CREATE TABLE precious (x TEXT); INSERT INTO precious VALUES (\'keep me\'); PRAGMA user_version = 99;');
    newer.close();
    const core = startCore(dir);
    expect((await call(core, 'session.get', {})).storeNotice).toMatch(/schema version 99 is newer/);
    core.close();
    const moved = readdirSync(dir).find((f) => f.startsWith(`${STORE_FILE}.unusable-`) && !f.endsWith('-wal') && !f.endsWith('-shm'))!;
    const kept = new Database(join(dir, moved), { readonly: true });
    expect(kept.prepare('SELECT x FROM precious').get()).toEqual({ x: 'keep me' });
    kept.close();
  });

  it('migrates real rows forward, keeping a copy of the file from before', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const core = startCore(dir, clock);
    await call(core, 'workspace.createDemo', {});
    core.close();
    // A next migration, as a later release would ship it: it must keep every row.
    const next = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'test-extra', up: (db: Database.Database) => db.exec("ALTER TABLE customers ADD COLUMN wechat TEXT NOT NULL DEFAULT ''") },
    ];
    const store = openStore(dir, now, { migrations: next });
    expect(store.db.pragma('user_version', { simple: true })).toBe(next.length);
    expect(store.db.prepare('SELECT count(*) AS n FROM customers WHERE wechat = \'\'').get()).toEqual({ n: 240 });
    store.db.close();
    const backups = readdirSync(dir).filter((f) => f.includes('.before-v'));
    expect(backups).toHaveLength(1);
    const old = new Database(join(dir, backups[0]!), { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect((old.prepare('SELECT count(*) AS n FROM callback_tasks').get() as { n: number }).n).toBe(320);
    old.close();
  });

  it('migration 0001 creates the schema every repository needs, and rejects rows that break it', () => {
    const dir = tempDir();
    const store = openStore(dir, now, { migrations: MIGRATIONS.slice(0, 1) });
    expect(existsSync(join(dir, STORE_FILE))).toBe(true);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['agents', 'callback_tasks', 'calls', 'customers', 'notes', 'outbox', 'purchases', 'settings']);
    expect(() =>
      store.db.prepare("INSERT INTO purchases (id, customer_id, product_line, model, serial_no, purchase_date, created_at) VALUES ('p', 'missing', 'x', 'x', 'x', '2026-01-01', 0)").run(),
    ).toThrow(/FOREIGN KEY/);
    store.db.close();
  });
});
