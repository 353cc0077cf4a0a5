import type { Db } from './connection';
import { MIGRATIONS, type Migration } from './migrations';

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs each pending migration in its own transaction and bumps user_version with it, so a
 * crash mid-way leaves the file at the last complete version. `beforeFirst` runs once if any
 * migration is pending (the caller copies the file there).
 */
export function migrate(db: Db, options: { beforeFirst?: (from: number) => void; migrations?: readonly Migration[] } = {}): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length > 0) options.beforeFirst?.(from);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
