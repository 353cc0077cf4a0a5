import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/connection';
import { cached, MAX_CACHED_STATEMENTS } from '../../src/main/db/statement-cache';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** A real SQLite file with a few rows. */
function store(name = 'cache.db'): Db {
  const db = openDatabase(join(tempDir(), name));
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO items (id, label) VALUES (?, ?)');
  for (let i = 1; i <= 5; i++) insert.run(i, `item ${i}`);
  return db;
}

describe('statement cache', () => {
  it('prepares a statement once per connection and SQL text', () => {
    const a = store('a.db');
    const b = store('b.db');
    const sql = 'SELECT label FROM items WHERE id = ?';
    const first = cached(a).prepare(sql);
    expect(cached(a).prepare(sql)).toBe(first);
    expect(cached(a).prepare('SELECT count(*) AS n FROM items')).not.toBe(first);
    // Another connection (another file) never gets a's statement.
    const other = cached(b).prepare(sql);
    expect(other).not.toBe(first);
    b.prepare('UPDATE items SET label = ? WHERE id = ?').run('only in b', 2);
    expect(cached(a).prepare(sql).get(2)).toEqual({ label: 'item 2' });
    expect(cached(b).prepare(sql).get(2)).toEqual({ label: 'only in b' });
    a.close();
    b.close();
  });

  it('keeps rows and pluck modes of the same SQL apart', () => {
    const db = store();
    const sql = 'SELECT label FROM items ORDER BY id LIMIT 2';
    expect(cached(db).prepare(sql, 'pluck').all()).toEqual(['item 1', 'item 2']);
    expect(cached(db).prepare(sql).all()).toEqual([{ label: 'item 1' }, { label: 'item 2' }]);
    expect(cached(db).prepare(sql, 'pluck').all()).toEqual(['item 1', 'item 2']);
    db.close();
  });

  it('runs the same SQL while its cached statement is being iterated', () => {
    const db = store();
    const sql = 'SELECT id, label FROM items WHERE id >= ? ORDER BY id';
    const seen: string[] = [];
    for (const row of cached(db).prepare(sql).iterate(1) as IterableIterator<{ id: number; label: string }>) {
      // The same SQL again, mid-iteration (e.g. a repository method called from the loop): not "This statement is busy".
      const rest = cached(db).prepare(sql).all(row.id) as { id: number }[];
      seen.push(`${row.label}: ${rest.length}`);
    }
    expect(seen).toEqual(['item 1: 5', 'item 2: 4', 'item 3: 3', 'item 4: 2', 'item 5: 1']);
    // Once the loop is done, the cached statement is handed out again.
    const again = cached(db).prepare(sql);
    expect(again.busy).toBe(false);
    expect(cached(db).prepare(sql)).toBe(again);
    db.close();
  });

  it('sees schema changes made after a statement was cached', () => {
    const db = store();
    const sql = 'SELECT * FROM items WHERE id = ?';
    expect(cached(db).prepare(sql).get(1)).toEqual({ id: 1, label: 'item 1' });
    db.exec("ALTER TABLE items ADD COLUMN city TEXT NOT NULL DEFAULT '上海'");
    expect(cached(db).prepare(sql).get(1)).toEqual({ id: 1, label: 'item 1', city: '上海' });
    db.close();
  });

  it('holds at most a bounded number of statements per connection', () => {
    const db = store();
    for (let i = 0; i < MAX_CACHED_STATEMENTS + 20; i++) expect(cached(db).prepare(`SELECT ${i} AS n`).get()).toEqual({ n: i });
    expect(cached(db).size).toBe(MAX_CACHED_STATEMENTS);
    // The newest are kept, an evicted one is simply prepared again.
    const last = `SELECT ${MAX_CACHED_STATEMENTS + 19} AS n`;
    expect(cached(db).prepare(last)).toBe(cached(db).prepare(last));
    expect(cached(db).prepare('SELECT 0 AS n').get()).toEqual({ n: 0 });
    db.close();
  });
});
