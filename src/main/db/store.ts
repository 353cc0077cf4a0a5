import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './connection';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export const STORE_FILE = 'carecall.db';

export interface OpenedStore {
  db: Db;
  file: string;
  /** Set when the previous file could not be used and was moved aside; shown to the user. */
  notice: string | null;
}

/**
 * Opens (creating if needed) the store in `dataDir` and migrates it. A file that cannot be
 * opened, is not a database, or was written by a newer CareCall is never overwritten: it is
 * moved aside under a dated name and the app starts on a fresh file.
 */
export function openStore(
  dataDir: string,
  now: () => number,
  options: OpenOptions & { migrations?: readonly Migration[] } = {},
): OpenedStore {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, STORE_FILE);
  let notice: string | null = null;
  let db: Db | null = null;
  try {
    db = openDatabase(file, options);
    // Reading the schema forces SQLite to parse the header and catalogue: garbage fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const version = schemaVersion(db);
    if (version > latest) {
      throw new StoreUnusableError(`schema version ${version} is newer than this CareCall understands (${latest})`);
    }
  } catch (error) {
    db?.close();
    db = null;
    const reason = error instanceof Error ? error.message : String(error);
    const movedTo = moveAside(file, now());
    notice = `The data file could not be used (${reason}). It was moved to ${movedTo} and CareCall started with a new, empty file.`;
    db = openDatabase(file, options);
  }
  migrate(db, {
    migrations,
    beforeFirst: (from) => {
      if (from === 0) return;
      // Keep a copy of the file as it was before we changed its schema.
      db?.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(file, `${file}.before-v${latest}-${now()}.bak`);
    },
  });
  return { db, file, notice };
}

class StoreUnusableError extends Error {}

function moveAside(file: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const target = `${file}.unusable-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}
