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

/** SQL over the synced rows and the scope bookkeeping, for the push path. */
export class EntityRepository {
  constructor(private readonly client: PoolClient) {}

  /** Takes the version lock: every writing transaction stamps its rows with the next version. */
  async nextVersion(): Promise<number> {
    const result = await this.client.query<{ version: number }>('UPDATE hub_state SET version = version + 1 WHERE id = 1 RETURNING version');
    return Number(result.rows[0]?.version);
  }

  async get(kind: string, id: string): Promise<StoredEntity | null> {
    const result = await this.client.query<{ data: RowData | null; deleted: boolean; customer_id: string | null; owner_id: string | null }>(
      'SELECT data, deleted, customer_id, owner_id FROM entities WHERE kind = $1 AND id = $2 FOR UPDATE',
      [kind, id],
    );
    const row = result.rows[0];
    return row ? { data: row.data, deleted: row.deleted, customerId: row.customer_id, ownerId: row.owner_id } : null;
  }

  async write(entity: EntityWrite): Promise<void> {
    await this.client.query(
      `INSERT INTO entities (kind, id, data, deleted, version, customer_id, owner_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = EXCLUDED.version,
         customer_id = EXCLUDED.customer_id, owner_id = EXCLUDED.owner_id, updated_at = EXCLUDED.updated_at`,
      [entity.kind, entity.id, entity.data, entity.deleted, entity.version, entity.customerId, entity.ownerId, entity.now],
    );
  }

  async isDeleted(kind: string, id: string): Promise<boolean> {
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
    const sql =
      actor.role === 'lead'
        ? `SELECT 1 FROM scope_refs r JOIN users u ON u.id = r.user_id
            WHERE r.customer_id = $1 AND (r.user_id = $2 OR (u.team_id IS NOT NULL AND u.team_id = $3)) LIMIT 1`
        : 'SELECT 1 FROM scope_refs WHERE customer_id = $1 AND user_id = $2 LIMIT 1';
    const params = actor.role === 'lead' ? [customerId, actor.userId, actor.teamId] : [customerId, actor.userId];
    return ((await this.client.query(sql, params)).rowCount ?? 0) > 0;
  }

  async teamOf(userId: string): Promise<{ exists: boolean; teamId: string | null }> {
    const result = await this.client.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [userId]);
    const row = result.rows[0];
    return { exists: row !== undefined, teamId: row?.team_id ?? null };
  }

  /** +1 or -1 on a user's reference to a customer; returns the count after. */
  async addRef(userId: string, customerId: string, delta: 1 | -1): Promise<number> {
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
