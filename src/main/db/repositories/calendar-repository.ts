import type { Db } from '../connection';
import { cached } from '../statement-cache';

/** The centre's working calendar as stored (and synced): null definition means the shipped one. */
export interface StoredCalendar {
  id: string;
  definition: string | null;
  fileName: string | null;
  revision: number;
  officialThrough: string | null;
  importedBy: string | null;
  importedByName: string | null;
  importedAt: number;
}

interface Row {
  id: string;
  definition: string | null;
  file_name: string | null;
  revision: number;
  official_through: string | null;
  imported_by: string | null;
  imported_by_name: string | null;
  imported_at: number;
}

export class CalendarRepository {
  constructor(private readonly db: Db) {}

  get(id: string): StoredCalendar | null {
    const row = cached(this.db).prepare('SELECT * FROM working_calendars WHERE id = ?').get(id) as Row | undefined;
    return row
      ? {
          id: row.id,
          definition: row.definition,
          fileName: row.file_name,
          revision: row.revision,
          officialThrough: row.official_through,
          importedBy: row.imported_by,
          importedByName: row.imported_by_name,
          importedAt: row.imported_at,
        }
      : null;
  }

  /** Writes the next revision (one more than the stored row's, 1 for the first). */
  save(calendar: Omit<StoredCalendar, 'revision'>): StoredCalendar {
    const revision = (this.get(calendar.id)?.revision ?? 0) + 1;
    cached(this.db)
      .prepare(
        `INSERT INTO working_calendars (id, definition, file_name, revision, official_through, imported_by, imported_by_name, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, file_name = excluded.file_name, revision = excluded.revision,
           official_through = excluded.official_through, imported_by = excluded.imported_by, imported_by_name = excluded.imported_by_name,
           imported_at = excluded.imported_at`,
      )
      .run(calendar.id, calendar.definition, calendar.fileName, revision, calendar.officialThrough, calendar.importedBy, calendar.importedByName, calendar.importedAt);
    return { ...calendar, revision };
  }
}
