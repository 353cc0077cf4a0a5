import type { RowChange } from '../../../shared/sync/protocol';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  name: string;
  args: unknown;
  createdAt: number;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  append(mutationId: string, name: string, args: unknown, now: number, changes: RowChange[] | null = null): number {
    // Without captured changes the column is left out, which also serves stores from before it existed.
    const result = changes
      ? cached(this.db)
          .prepare('INSERT INTO outbox (mutation_id, name, args, changes, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(mutationId, name, JSON.stringify(args), JSON.stringify(changes), now)
      : cached(this.db).prepare('INSERT INTO outbox (mutation_id, name, args, created_at) VALUES (?, ?, ?, ?)').run(mutationId, name, JSON.stringify(args), now);
    return Number(result.lastInsertRowid);
  }

  stats(): { pending: number; oldestAt: number | null } {
    const row = cached(this.db).prepare('SELECT count(*) AS pending, min(created_at) AS oldestAt FROM outbox').get() as {
      pending: number;
      oldestAt: number | null;
    };
    return row;
  }

  list(limit = 1000): OutboxEntry[] {
    const rows = cached(this.db)
      .prepare('SELECT seq, mutation_id, name, args, created_at FROM outbox ORDER BY seq LIMIT ?')
      .all(limit) as { seq: number; mutation_id: string; name: string; args: string; created_at: number }[];
    return rows.map((r) => ({
      seq: r.seq,
      mutationId: r.mutation_id,
      name: r.name,
      args: JSON.parse(r.args) as unknown,
      createdAt: r.created_at,
    }));
  }
}
