import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/**
 * Prepared statements kept per connection and SQL text, as better-sqlite3 advises (prepare once,
 * run many times): preparing parses and plans the SQL again, which cost an import more than the
 * inserts themselves. Connections are weak keys, so a closed store's statements go with it.
 */
const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * Per connection. SQL built from optional filters or changed columns comes in a few shapes each;
 * the bound only keeps a caller that builds unbounded SQL text from growing the cache forever.
 */
export const MAX_CACHED_STATEMENTS = 500;

/** 'pluck': rows come back as their first column's value (kept apart from the same SQL in rows mode). */
export type StatementMode = 'rows' | 'pluck';

/**
 * The connection's statement for `sql`, prepared on first use. Never change a returned
 * statement's mode (pluck/raw/expand) or bind() it: other callers share it; ask for 'pluck'.
 * While the cached one is being iterated (`.iterate()` not yet finished), running it again would
 * throw "This statement is busy", so that caller gets a fresh statement of its own.
 */
export function prepareCached(db: Db, sql: string, mode: StatementMode = 'rows'): Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = mode === 'pluck' ? `pluck\u0000${sql}` : sql;
  const cached = cache.get(key);
  if (cached !== undefined) return cached.busy ? inMode(db.prepare(sql), mode) : cached;
  const statement = inMode(db.prepare(sql), mode);
  if (cache.size >= MAX_CACHED_STATEMENTS) {
    // Oldest first; an evicted statement is only prepared again on its next use.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, statement);
  return statement;
}

function inMode(statement: Statement, mode: StatementMode): Statement {
  return mode === 'pluck' ? statement.pluck() : statement;
}

/** How many statements the connection keeps (for tests). */
export function cachedStatementCount(db: Db): number {
  return caches.get(db)?.size ?? 0;
}
