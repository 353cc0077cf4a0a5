import type { PulledRow, Rejection, RowChange } from '../../../shared/sync/protocol';
import { SYNCED_TABLES, keyValues, syncedTable, type SyncedTable } from '../../../shared/sync/synced-tables';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

export interface PendingMutation {
  seq: number;
  mutationId: string;
  name: string;
  args: unknown;
  changes: RowChange[];
  createdAt: number;
  /** Size of the entry as stored, to keep a push under the hub's body limit. */
  bytes: number;
}

export interface StoredRejection {
  mutationId: string;
  seq: number;
  name: string;
  args: unknown;
  code: Rejection['code'];
  reason: string;
  createdAt: number;
  rejectedAt: number;
}

type Scalar = string | number | null;

/** A reset the hub is sending over one or more pages. */
export interface ResetInProgress {
  /** "table\u0000id" of every live row delivered since the reset began; null when the store held no synced rows then. */
  seen: Set<string> | null;
  /** This page is the reset's last. */
  ending: boolean;
}

/**
 * The desktop side of sync in SQL: the outbox as the push queue, the pulled rows, the rebase of
 * pending mutations on top, rejections, and the small key-value sync state (hub, client id,
 * cursor). Pull application replaces rows whole (the hub is authoritative) with foreign keys off,
 * because a scoped replica may hold a call whose task belongs to another agent.
 */
export class SyncRepository {
  private readonly replaceRow = new Map<string, (values: Scalar[]) => void>();
  private readonly deleteRow = new Map<string, (values: Scalar[]) => void>();
  private readonly updateRow = new Map<string, (values: Scalar[]) => void>();

  constructor(private readonly db: Db) {
    for (const table of SYNCED_TABLES) {
      const columns = Object.keys(table.columns);
      const insert = cached(db).prepare(`INSERT OR REPLACE INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      this.replaceRow.set(table.name, (values) => insert.run(...values));
      const remove = cached(db).prepare(`DELETE FROM ${table.name} WHERE ${table.key.map((column) => `${column} = ?`).join(' AND ')}`);
      this.deleteRow.set(table.name, (values) => remove.run(...values));
    }
  }

  getState(key: string): string | null {
    const row = cached(this.db).prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setState(key: string, value: string | null): void {
    if (value === null) cached(this.db).prepare('DELETE FROM sync_state WHERE key = ?').run(key);
    else cached(this.db).prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The oldest pending mutations after `afterSeq`, up to a count and a byte budget (at least one). */
  pending(maxCount: number, maxBytes: number, afterSeq = 0): PendingMutation[] {
    const rows = cached(this.db)
      .prepare('SELECT seq, mutation_id, name, args, changes, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, maxCount) as { seq: number; mutation_id: string; name: string; args: string; changes: string | null; created_at: number }[];
    const batch: PendingMutation[] = [];
    let bytes = 0;
    for (const row of rows) {
      const size = row.args.length + (row.changes?.length ?? 2) + 200;
      if (batch.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      batch.push({
        seq: row.seq,
        mutationId: row.mutation_id,
        name: row.name,
        args: JSON.parse(row.args) as unknown,
        changes: row.changes ? (JSON.parse(row.changes) as RowChange[]) : [],
        createdAt: row.created_at,
        bytes: size,
      });
    }
    return batch;
  }

  firstPendingSeq(): number | null {
    const row = cached(this.db).prepare('SELECT min(seq) AS seq FROM outbox').get() as { seq: number | null };
    return row.seq;
  }

  pendingStats(): { pending: number; oldestAt: number | null } {
    return cached(this.db).prepare('SELECT count(*) AS pending, min(created_at) AS oldestAt FROM outbox').get() as { pending: number; oldestAt: number | null };
  }

  /**
   * Moves the pending mutations to numbers after `afterSeq` (the hub used theirs for other
   * mutations), keeping their order; the AUTOINCREMENT counter follows.
   */
  renumberPending(afterSeq: number): void {
    this.db.transaction(() => {
      const first = this.firstPendingSeq();
      if (first === null || first > afterSeq) return;
      const shift = afterSeq + 1 - first;
      // Two steps through negative numbers, so no number is ever held twice.
      cached(this.db).prepare('UPDATE outbox SET seq = -(seq + ?)').run(shift);
      cached(this.db).prepare('UPDATE outbox SET seq = -seq').run();
      cached(this.db).prepare("UPDATE sqlite_sequence SET seq = max(seq, (SELECT max(seq) FROM outbox)) WHERE name = 'outbox'").run();
    })();
  }

  /** The highest sequence ever given out (AUTOINCREMENT keeps it even when the outbox is empty). */
  lastIssuedSeq(): number {
    const row = cached(this.db).prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /**
   * Applies a page of pulled rows, drops the acknowledged outbox entries, re-applies what is still
   * pending, all in one transaction. During a reset (the hub sends the whole scope again, maybe
   * over many pages) nothing is emptied first, so the screens never show an empty queue while it
   * runs: the rows delivered are noted in `reset.seen`, and the page that ends the reset removes
   * every synced row the hub did not send. Returns how many of this desktop's own pending
   * mutations came back rejected.
   */
  applyPull(
    page: { rows: PulledRow[]; acked: readonly { seq: number; mutationId: string }[]; rejected: readonly Rejection[] },
    after: (ownRejections: number) => void,
    reset: ResetInProgress | null = null,
  ): number {
    this.db.pragma('foreign_keys = OFF');
    try {
      return this.db.transaction(() => {
        for (const row of page.rows) this.applyRow(row);
        if (reset?.seen) for (const row of page.rows) if (row.data !== null) reset.seen.add(`${row.t}\u0000${row.id}`);
        if (reset?.ending) this.removeUnseen(reset.seen);
        const ownRejections = this.recordRejections(page.rejected);
        const drop = cached(this.db).prepare('DELETE FROM outbox WHERE seq = ? AND mutation_id = ?');
        for (const entry of page.acked) drop.run(entry.seq, entry.mutationId);
        for (const entry of this.pending(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) this.reapply(entry.changes);
        after(ownRejections);
        return ownRejections;
      })();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  /** Forgets all synced rows and the outbox (the store joins a hub; the file was copied first). */
  clearForHub(): void {
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        for (const table of SYNCED_TABLES) cached(this.db).prepare(`DELETE FROM ${table.name}`).run();
        cached(this.db).prepare('DELETE FROM outbox').run();
        // A new client on the hub: its mutations are numbered from 1 (the hub refuses gaps).
        cached(this.db).prepare("DELETE FROM sqlite_sequence WHERE name = 'outbox'").run();
        cached(this.db).prepare('DELETE FROM alerts').run();
        cached(this.db).prepare('DELETE FROM outbound_messages').run();
      })();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  /** Whether there is anything a join would clear (synced rows or pending work). */
  holdsData(): boolean {
    const tables = [...SYNCED_TABLES.filter((table) => !table.hubOnly).map((table) => table.name), 'outbox'];
    return tables.some((name) => cached(this.db).prepare(`SELECT 1 FROM ${name} LIMIT 1`).get() !== undefined);
  }

  backupTo(file: string): void {
    cached(this.db).prepare('VACUUM INTO ?').run(file);
  }

  rejections(): StoredRejection[] {
    const rows = cached(this.db)
      .prepare('SELECT mutation_id, seq, name, args, code, reason, created_at, rejected_at FROM sync_rejections WHERE dismissed_at IS NULL ORDER BY seq')
      .all() as { mutation_id: string; seq: number; name: string; args: string; code: Rejection['code']; reason: string; created_at: number; rejected_at: number }[];
    return rows.map((row) => ({
      mutationId: row.mutation_id,
      seq: row.seq,
      name: row.name,
      args: JSON.parse(row.args) as unknown,
      code: row.code,
      reason: row.reason,
      createdAt: row.created_at,
      rejectedAt: row.rejected_at,
    }));
  }

  /** Every rejection ever recorded, dismissed or not (for checks that nothing went missing). */
  rejectedIds(): string[] {
    return (cached(this.db).prepare('SELECT mutation_id FROM sync_rejections ORDER BY seq').all() as { mutation_id: string }[]).map((row) => row.mutation_id);
  }

  dismissRejection(mutationId: string, now: number): boolean {
    return cached(this.db).prepare('UPDATE sync_rejections SET dismissed_at = ? WHERE mutation_id = ? AND dismissed_at IS NULL').run(now, mutationId).changes > 0;
  }

  /**
   * Keeps the rejections of mutations this desktop holds (number and id both match); a rejection
   * at one of its numbers of a mutation it never made (someone else's push) is not its own.
   */
  private recordRejections(rejected: readonly Rejection[]): number {
    const entry = cached(this.db).prepare('SELECT args, changes, created_at FROM outbox WHERE seq = ? AND mutation_id = ?');
    const insert = cached(this.db).prepare(
      `INSERT OR IGNORE INTO sync_rejections (mutation_id, seq, name, args, changes, code, reason, created_at, rejected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let recorded = 0;
    for (const rejection of rejected) {
      const held = entry.get(rejection.seq, rejection.mutationId) as { args: string; changes: string | null; created_at: number } | undefined;
      if (!held) continue;
      recorded += 1;
      insert.run(
        rejection.mutationId,
        rejection.seq,
        rejection.name,
        held.args,
        held.changes,
        rejection.code,
        rejection.reason,
        held.created_at,
        rejection.rejectedAt,
      );
    }
    return recorded;
  }

  /** Whether any synced row is held (a reset into an empty store has nothing to remove at its end). */
  holdsSyncedRows(): boolean {
    return SYNCED_TABLES.some((table) => !table.hubOnly && cached(this.db).prepare(`SELECT 1 FROM ${table.name} LIMIT 1`).get() !== undefined);
  }

  /** The end of a reset: every synced row the hub did not send goes (none when the reset began on an empty store). */
  private removeUnseen(seen: ReadonlySet<string> | null): void {
    if (!seen) return;
    // The directory of agents is only ever replaced, never emptied: the signed-in agent stays known.
    for (const table of SYNCED_TABLES) {
      if (table.hubOnly) continue;
      const keys = cached(this.db).prepare(`SELECT ${table.key.join(" || '/' || ")} FROM ${table.name}`, 'pluck').all() as string[];
      for (const key of keys) if (!seen.has(`${table.name}\u0000${key}`)) this.deleteRow.get(table.name)?.(keyValues(table, key));
    }
  }

  private applyRow(row: PulledRow): void {
    const table = syncedTable(row.t);
    if (!table) return;
    if (row.data === null) this.deleteRow.get(table.name)?.(keyValues(table, row.id));
    else this.replaceRow.get(table.name)?.(Object.keys(table.columns).map((column) => row.data?.[column] ?? null));
  }

  private reapply(changes: readonly RowChange[]): void {
    for (const change of changes) {
      const table = syncedTable(change.t);
      if (!table) continue;
      if (change.op === 'del') this.deleteRow.get(table.name)?.(keyValues(table, change.id));
      else if (change.op === 'ins') this.replaceRow.get(table.name)?.(Object.keys(table.columns).map((column) => change.f?.[column] ?? null));
      else this.update(table, change);
    }
  }

  private update(table: SyncedTable, change: RowChange): void {
    const columns = Object.keys(change.f ?? {}).filter((column) => column in table.columns);
    if (columns.length === 0) return;
    const id = `${table.name}:${columns.join(',')}`;
    let run = this.updateRow.get(id);
    if (!run) {
      const statement = cached(this.db).prepare(
        `UPDATE ${table.name} SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE ${table.key.map((column) => `${column} = ?`).join(' AND ')}`,
      );
      run = (values) => statement.run(...values);
      this.updateRow.set(id, run);
    }
    run([...columns.map((column) => change.f?.[column] ?? null), ...keyValues(table, change.id)]);
  }
}
