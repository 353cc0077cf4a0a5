import type { RowChange } from '../../shared/sync/protocol';
import { SYNCED_TABLES, keyValues, type RowData, type SyncedTable } from '../../shared/sync/synced-tables';
import type { Db } from './connection';

/**
 * Records which synced rows a mutation touched, so the outbox entry carries the row changes the
 * hub applies (and the desktop re-applies on top of a pull). Temporary triggers note the key and,
 * for updates, the row as it was; after the mutation's statements ran, the notes are folded into
 * one change per row with only the fields that differ. The triggers live in the connection's temp
 * schema and follow the current table definitions. They exist only while capture is on: even a
 * trigger whose WHEN is false halved the speed of applying a pulled page, so a standalone store
 * has none and a pull drops them while it applies and puts them back after.
 */
export class ChangeCapture {
  private enabled = false;
  private installed = false;
  private readonly readCaptured: () => { t: string; k: string; op: 'ins' | 'upd' | 'del'; old: string | null }[];
  private readonly clearCaptured: () => void;
  private readonly rowReaders = new Map<string, (values: unknown[]) => RowData | undefined>();
  private readonly createTriggers: string;
  private readonly dropTriggers: string;

  constructor(private readonly db: Db) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS sync_captured (n INTEGER PRIMARY KEY, t TEXT NOT NULL, k TEXT NOT NULL, op TEXT NOT NULL, old TEXT)');
    const tables = SYNCED_TABLES.filter((table) => !table.hubOnly);
    this.createTriggers = tables.map((table) => triggersOf(table)).join('\n');
    this.dropTriggers = tables
      .flatMap((table) => ['ins', 'upd', 'del'].map((op) => `DROP TRIGGER IF EXISTS temp.capture_${table.name}_${op};`))
      .join('\n');
    // A connection reused after a crash of this object must not keep triggers it did not install.
    db.exec(this.dropTriggers);
    for (const table of tables) {
      const where = table.key.map((column) => `${column} = ?`).join(' AND ');
      const statement = db.prepare(`SELECT * FROM main.${table.name} WHERE ${where}`);
      this.rowReaders.set(table.name, (values) => statement.get(...values) as RowData | undefined);
    }
    const read = db.prepare('SELECT t, k, op, old FROM temp.sync_captured ORDER BY n');
    this.readCaptured = () => read.all() as ReturnType<ChangeCapture['readCaptured']>;
    const clear = db.prepare('DELETE FROM temp.sync_captured');
    this.clearCaptured = () => clear.run();
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** On while a hub is configured; off for a standalone store. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.install(enabled);
  }

  /** Runs `body` with capture paused (applying a pull must not look like a local edit). */
  paused<T>(body: () => T): T {
    if (!this.enabled) return body();
    this.install(false);
    try {
      return body();
    } finally {
      this.install(true);
    }
  }

  private install(on: boolean): void {
    if (on === this.installed) return;
    this.db.exec(on ? this.createTriggers : this.dropTriggers);
    this.installed = on;
  }

  /** Call inside the mutation's transaction, after its statements: the changes, in first-touch order. */
  collect(): RowChange[] | null {
    if (!this.enabled) return null;
    const notes = this.readCaptured();
    this.clearCaptured();
    const byRow = new Map<string, { t: string; k: string; first: 'ins' | 'upd' | 'del'; old: RowData | null; last: 'ins' | 'upd' | 'del' }>();
    for (const note of notes) {
      const id = `${note.t}\u0000${note.k}`;
      const seen = byRow.get(id);
      if (seen) seen.last = note.op;
      else byRow.set(id, { t: note.t, k: note.k, first: note.op, old: note.old ? (JSON.parse(note.old) as RowData) : null, last: note.op });
    }
    const changes: RowChange[] = [];
    for (const row of byRow.values()) {
      const table = SYNCED_TABLES.find((candidate) => candidate.name === row.t);
      if (!table) continue;
      const current = this.rowReaders.get(table.name)?.(keyValues(table, row.k));
      if (!current) {
        // Created and removed within one mutation: nothing left to sync.
        if (row.first !== 'ins') changes.push({ t: row.t, id: row.k, op: 'del' });
        continue;
      }
      if (row.first === 'ins' || row.first === 'del' || !row.old) {
        changes.push({ t: row.t, id: row.k, op: 'ins', f: current });
        continue;
      }
      const f: RowData = {};
      const o: RowData = {};
      for (const [column, value] of Object.entries(current)) {
        const before = row.old[column] ?? null;
        if (before !== value) {
          f[column] = value;
          o[column] = before;
        }
      }
      if (Object.keys(f).length > 0) changes.push({ t: row.t, id: row.k, op: 'upd', f, o });
    }
    return changes;
  }

  /** Drops whatever a failed mutation noted before its transaction rolled back. */
  discard(): void {
    this.clearCaptured();
  }

}

function triggersOf(table: SyncedTable): string {
  const key = (alias: 'NEW' | 'OLD') => table.key.map((column) => `${alias}.${column}`).join(` || '/' || `);
  const oldRow = `json_object(${Object.keys(table.columns)
    .map((column) => `'${column}', OLD.${column}`)
    .join(', ')})`;
  const insert = (op: string, alias: 'NEW' | 'OLD', old: string) =>
    `INSERT INTO temp.sync_captured (t, k, op, old) VALUES ('${table.name}', ${key(alias)}, '${op}', ${old});`;
  return `
    CREATE TEMP TRIGGER capture_${table.name}_ins AFTER INSERT ON main.${table.name} BEGIN ${insert('ins', 'NEW', 'NULL')} END;
    CREATE TEMP TRIGGER capture_${table.name}_upd AFTER UPDATE ON main.${table.name} BEGIN ${insert('upd', 'NEW', oldRow)} END;
    CREATE TEMP TRIGGER capture_${table.name}_del AFTER DELETE ON main.${table.name} BEGIN ${insert('del', 'OLD', 'NULL')} END;`;
}
