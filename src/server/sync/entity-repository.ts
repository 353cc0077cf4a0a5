import type { PoolClient } from 'pg';
import type { RowData } from '../../shared/sync/synced-tables';

export interface Actor {
  userId: string;
  role: 'agent' | 'senior_agent' | 'lead' | 'admin';
  teamId: string | null;
}

export interface StoredEntity {
  data: RowData | null;
  deleted: boolean;
  customerId: string | null;
  ownerId: string | null;
}

export interface EntityWrite {
  kind: string;
  id: string;
  data: RowData | null;
  deleted: boolean;
  version: number;
  customerId: string | null;
  ownerId: string | null;
  now: number;
}

const rowKey = (kind: string, id: string): string => `${kind}\u0000${id}`;

/**
 * SQL over the synced rows and the scope bookkeeping, for the push path. One instance lives for
 * one push transaction and remembers what it read (rows it locked, scope answers, teams), so a
 * batch of mutations on the same rows costs a round trip per write, not several per mutation.
 * After a rollback to a savepoint the caller calls forgetRolledBack(): what it remembered may
 * have been undone.
 */
export class EntityRepository {
  /** Rows locked in this transaction, as they are now (null: no such row). */
  private readonly held = new Map<string, StoredEntity | null>();
  /** customerInScope answers; scope_refs only change through addRef, which clears them. */
  private readonly inScope = new Map<string, boolean>();
  private readonly teams = new Map<string, { exists: boolean; teamId: string | null }>();

  constructor(private readonly client: PoolClient) {}

  /** Locks (FOR UPDATE) and remembers the rows a batch will touch, in one round trip. */
  async lockRows(keys: readonly { kind: string; id: string }[]): Promise<void> {
    const wanted = new Map<string, { kind: string; id: string }>();
    for (const key of keys) if (!this.held.has(rowKey(key.kind, key.id))) wanted.set(rowKey(key.kind, key.id), key);
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    const result = await this.client.query<{ kind: string; id: string; data: RowData | null; deleted: boolean; customer_id: string | null; owner_id: string | null }>(
      `SELECT e.kind, e.id, e.data, e.deleted, e.customer_id, e.owner_id
         FROM entities e JOIN unnest($1::text[], $2::text[]) AS k(kind, id) ON e.kind = k.kind AND e.id = k.id
        ORDER BY e.kind, e.id FOR UPDATE OF e`,
      [list.map((key) => key.kind), list.map((key) => key.id)],
    );
    for (const key of wanted.keys()) this.held.set(key, null);
    for (const row of result.rows) {
      this.held.set(rowKey(row.kind, row.id), { data: row.data, deleted: row.deleted, customerId: row.customer_id, ownerId: row.owner_id });
    }
  }

  /** What this instance remembered may have been undone by a rollback to a savepoint. */
  forgetRolledBack(): void {
    this.held.clear();
    this.inScope.clear();
  }

  /** Takes the version lock: every writing transaction stamps its rows with the next version. */
  async nextVersion(): Promise<number> {
    const result = await this.client.query<{ version: number }>('UPDATE hub_state SET version = version + 1 WHERE id = 1 RETURNING version');
    return Number(result.rows[0]?.version);
  }

  async get(kind: string, id: string): Promise<StoredEntity | null> {
    const key = rowKey(kind, id);
    if (this.held.has(key)) return this.held.get(key) ?? null;
    const result = await this.client.query<{ data: RowData | null; deleted: boolean; customer_id: string | null; owner_id: string | null }>(
      'SELECT data, deleted, customer_id, owner_id FROM entities WHERE kind = $1 AND id = $2 FOR UPDATE',
      [kind, id],
    );
    const row = result.rows[0];
    const entity = row ? { data: row.data, deleted: row.deleted, customerId: row.customer_id, ownerId: row.owner_id } : null;
    this.held.set(key, entity);
    return entity;
  }

  async write(entity: EntityWrite): Promise<void> {
    await this.client.query(
      `INSERT INTO entities (kind, id, data, deleted, version, customer_id, owner_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = EXCLUDED.version,
         customer_id = EXCLUDED.customer_id, owner_id = EXCLUDED.owner_id, updated_at = EXCLUDED.updated_at`,
      [entity.kind, entity.id, entity.data, entity.deleted, entity.version, entity.customerId, entity.ownerId, entity.now],
    );
    this.held.set(rowKey(entity.kind, entity.id), { data: entity.data, deleted: entity.deleted, customerId: entity.customerId, ownerId: entity.ownerId });
  }

  async isDeleted(kind: string, id: string): Promise<boolean> {
    const held = this.held.get(rowKey(kind, id));
    if (held !== undefined) return held?.deleted === true;
    const result = await this.client.query<{ deleted: boolean }>('SELECT deleted FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
    return result.rows[0]?.deleted === true;
  }

  async customerOfTicket(ticketId: string): Promise<string | null> {
    const result = await this.client.query<{ customer_id: string | null }>(
      "SELECT customer_id FROM entities WHERE kind = 'tickets' AND id = $1 AND NOT deleted",
      [ticketId],
    );
    return result.rows[0]?.customer_id ?? null;
  }

  async customerInScope(actor: Actor, customerId: string): Promise<boolean> {
    if (actor.role === 'admin') return true;
    const key = `${actor.userId}\u0000${customerId}`;
    const known = this.inScope.get(key);
    if (known !== undefined) return known;
    const sql =
      actor.role === 'lead'
        ? `SELECT 1 FROM scope_refs r JOIN users u ON u.id = r.user_id
            WHERE r.customer_id = $1 AND (r.user_id = $2 OR (u.team_id IS NOT NULL AND u.team_id = $3)) LIMIT 1`
        : 'SELECT 1 FROM scope_refs WHERE customer_id = $1 AND user_id = $2 LIMIT 1';
    const params = actor.role === 'lead' ? [customerId, actor.userId, actor.teamId] : [customerId, actor.userId];
    const inScope = ((await this.client.query(sql, params)).rowCount ?? 0) > 0;
    this.inScope.set(key, inScope);
    return inScope;
  }

  async teamOf(userId: string): Promise<{ exists: boolean; teamId: string | null }> {
    const known = this.teams.get(userId);
    if (known) return known;
    const result = await this.client.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [userId]);
    const row = result.rows[0];
    const team = { exists: row !== undefined, teamId: row?.team_id ?? null };
    this.teams.set(userId, team);
    return team;
  }

  /** +1 or -1 on a user's reference to a customer; returns the count after. */
  async addRef(userId: string, customerId: string, delta: 1 | -1): Promise<number> {
    this.inScope.clear();
    const result = await this.client.query<{ refs: number }>(
      `INSERT INTO scope_refs (user_id, customer_id, refs) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, customer_id) DO UPDATE SET refs = scope_refs.refs + $3
       RETURNING refs`,
      [userId, customerId, delta],
    );
    const refs = Number(result.rows[0]?.refs ?? 0);
    if (refs <= 0) await this.client.query('DELETE FROM scope_refs WHERE user_id = $1 AND customer_id = $2', [userId, customerId]);
    return refs;
  }

  async teamStillReferences(teamId: string, customerId: string): Promise<boolean> {
    const result = await this.client.query(
      'SELECT 1 FROM scope_refs r JOIN users u ON u.id = r.user_id WHERE u.team_id = $1 AND r.customer_id = $2 LIMIT 1',
      [teamId, customerId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** A customer entered someone's scope: its rows get this version so that user's next pull has them. */
  async restampCustomer(customerId: string, version: number): Promise<void> {
    await this.client.query(
      `UPDATE entities SET version = $2 WHERE customer_id = $1 AND kind NOT IN ('callback_tasks', 'tickets', 'agents') AND version < $2`,
      [customerId, version],
    );
  }

  async bumpUserEpoch(userId: string): Promise<void> {
    await this.client.query('UPDATE users SET scope_epoch = scope_epoch + 1 WHERE id = $1', [userId]);
  }

  async bumpTeamEpoch(teamId: string): Promise<void> {
    await this.client.query('UPDATE teams SET scope_epoch = scope_epoch + 1 WHERE id = $1', [teamId]);
  }

  /** Who should hear about changes to these customers and owners: they, their leads, and admins. */
  async audience(customerIds: readonly string[], ownerIds: readonly string[]): Promise<string[]> {
    const result = await this.client.query<{ id: string }>(
      `WITH base AS (
         SELECT id FROM users WHERE id = ANY($2::text[])
         UNION SELECT user_id FROM scope_refs WHERE customer_id = ANY($1::text[])
       )
       SELECT id FROM base
       UNION SELECT u.id FROM users u WHERE u.role = 'admin'
       UNION SELECT l.id FROM users l JOIN users m ON m.team_id = l.team_id WHERE l.role = 'lead' AND m.id IN (SELECT id FROM base)`,
      [customerIds, ownerIds],
    );
    return result.rows.map((row) => row.id);
  }
}
