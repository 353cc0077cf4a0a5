import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better-sqlite3 native binding built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens the store with the pragmas every connection needs: WAL so reads never block the
 * writer, synchronous=FULL because this file holds what agents typed, foreign keys on.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
