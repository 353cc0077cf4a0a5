import type { Db } from '../connection';

/**
 * Sync with a hub. The outbox is rebuilt with AUTOINCREMENT so a mutation's sequence number is
 * never reused after acknowledged entries are deleted (the hub refuses gaps and skips numbers it
 * has seen), and it gains the row changes each mutation made (null for entries written before a
 * hub was configured). Plus the sync state, and the mutations the hub rejected, kept in full so
 * the user can see and redo them.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE outbox_v4 (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      mutation_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      changes TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO outbox_v4 (seq, mutation_id, name, args, changes, created_at)
      SELECT seq, mutation_id, name, args, NULL, created_at FROM outbox ORDER BY seq;
    DROP TABLE outbox;
    ALTER TABLE outbox_v4 RENAME TO outbox;

    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sync_rejections (
      mutation_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      changes TEXT,
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      rejected_at INTEGER NOT NULL,
      dismissed_at INTEGER
    ) STRICT;
  `);
}
