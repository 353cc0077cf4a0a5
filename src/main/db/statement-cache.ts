import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/** 'pluck': rows come back as their first column's value (kept apart from the same SQL in rows mode). */
export type StatementMode = 'rows' | 'pluck';

/**
 * Per connection. SQL built from optional filters or changed columns comes in a few shapes each;
 * the bound only keeps a caller that builds unbounded SQL text from growing the cache forever.
 */
export const MAX_CACHED_STATEMENTS = 500;

/**
 * A connection's prepared statements, kept by SQL text, as better-sqlite3 advises (prepare once,
 * run many times): preparing parses and plans the SQL again, which cost an import more than its
 * inserts. Repositories write `cached(this.db).prepare(sql)` where they wrote `this.db.prepare(sql)`.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /**
   * The statement for `sql`, prepared on first use. Never change a returned statement's mode
   * (pluck/raw/expand) or bind() it: other callers share it; ask for 'pluck'. While the cached
   * one is being iterated (`.iterate()` not finished), running it again would throw "This
   * statement is busy", so that caller gets a fresh statement of its own.
   */
  prepare(sql: string, mode: StatementMode = 'rows'): Statement {
    const key = mode === 'pluck' ? `pluck\u0000${sql}` : sql;
    const kept = this.statements.get(key);
    if (kept !== undefined) return kept.busy ? this.fresh(sql, mode) : kept;
    const statement = this.fresh(sql, mode);
    if (this.statements.size >= MAX_CACHED_STATEMENTS) {
      // Oldest first; an evicted statement is only prepared again on its next use.
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    this.statements.set(key, statement);
    return statement;
  }

  /** How many statements are kept (for tests). */
  get size(): number {
    return this.statements.size;
  }

  private fresh(sql: string, mode: StatementMode): Statement {
    const statement = this.db.prepare(sql);
    return mode === 'pluck' ? statement.pluck() : statement;
  }
}

/** Connections are weak keys: a closed store's statements go with it. */
const caches = new WeakMap<Db, StatementCache>();

/** The connection's statement cache (one per connection, shared by all its repositories). */
export function cached(db: Db): StatementCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new StatementCache(db);
    caches.set(db, cache);
  }
  return cache;
}
