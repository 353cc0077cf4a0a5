import type { Db } from '../connection';

/**
 * The working calendar becomes centre-wide data that syncs (src/shared/sync/synced-tables.ts):
 * one row per calendar id with the imported definition, or NULL for "the calendar shipped with
 * CareCall" (a reset; the row stays so the hub's "nothing deleted comes back" never blocks the
 * next import). The revision counts changes so every desktop can say which one it uses; the
 * importer's name travels with it (desktops of other teams do not have them in their directory).
 * A calendar a lead imported under version 4 (kept in settings) moves here as revision 1.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE working_calendars (
      id TEXT PRIMARY KEY,
      definition TEXT,
      file_name TEXT,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      official_through TEXT,
      imported_by TEXT,
      imported_by_name TEXT,
      imported_at INTEGER NOT NULL
    ) STRICT;
  `);
  const stored = db.prepare("SELECT value FROM settings WHERE key = 'calendar_override'").get() as { value: string } | undefined;
  const file = db.prepare("SELECT value FROM settings WHERE key = 'calendar_override_file'").get() as { value: string } | undefined;
  if (stored?.value) {
    let id = 'cn-mainland';
    let through: string | null = null;
    try {
      const def = JSON.parse(stored.value) as { id?: unknown; holidaysKnownThrough?: unknown };
      if (typeof def.id === 'string') id = def.id;
      if (typeof def.holidaysKnownThrough === 'string') through = def.holidaysKnownThrough;
    } catch {
      // Kept as it was: the service logs an unusable definition and uses the shipped calendar.
    }
    db.prepare('INSERT INTO working_calendars (id, definition, file_name, revision, official_through, imported_by, imported_by_name, imported_at) VALUES (?, ?, ?, 1, ?, NULL, NULL, 0)').run(
      id,
      stored.value,
      file?.value || null,
      through,
    );
  }
  db.exec("DELETE FROM settings WHERE key IN ('calendar_override', 'calendar_override_file')");
}
