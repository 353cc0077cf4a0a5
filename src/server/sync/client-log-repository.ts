import type { PoolClient } from 'pg';
import type { PushedMutation, Rejection } from '../../shared/sync/protocol';

/** SQL over the desktops (clients), their applied sequence numbers and the mutation log. */
export class ClientLogRepository {
  constructor(private readonly client: PoolClient) {}

  /** Locks the client's row for the push: pushes of one client apply strictly one after another. */
  async lockClient(clientId: string): Promise<{ userId: string; lastSeq: number } | null> {
    const result = await this.client.query<{ user_id: string; last_mutation_seq: number }>(
      'SELECT user_id, last_mutation_seq FROM clients WHERE id = $1 FOR UPDATE',
      [clientId],
    );
    const row = result.rows[0];
    return row ? { userId: row.user_id, lastSeq: Number(row.last_mutation_seq) } : null;
  }

  async readClient(clientId: string): Promise<{ userId: string; lastSeq: number } | null> {
    const result = await this.client.query<{ user_id: string; last_mutation_seq: number }>(
      'SELECT user_id, last_mutation_seq FROM clients WHERE id = $1',
      [clientId],
    );
    const row = result.rows[0];
    return row ? { userId: row.user_id, lastSeq: Number(row.last_mutation_seq) } : null;
  }

  async setLastSeq(clientId: string, seq: number, now: number, versions: { protocolVersion: number; schemaVersion: number }): Promise<void> {
    await this.client.query(
      'UPDATE clients SET last_mutation_seq = $2, last_seen_at = $3, protocol_version = $4, schema_version = $5 WHERE id = $1',
      [clientId, seq, now, versions.protocolVersion, versions.schemaVersion],
    );
  }

  /** Logs applied mutations of one client, all in one statement (a push logs hundreds). */
  async logApplied(clientId: string, userId: string, mutations: readonly { mutation: PushedMutation; version: number | null }[], now: number): Promise<void> {
    if (mutations.length === 0) return;
    await this.client.query(
      `INSERT INTO mutation_log (client_id, seq, mutation_id, name, user_id, status, version, created_at, applied_at)
       SELECT $1, m.seq, m.mutation_id, m.name, $2, 'applied', m.version, m.created_at, $3
         FROM unnest($4::bigint[], $5::text[], $6::text[], $7::bigint[], $8::bigint[]) AS m(seq, mutation_id, name, version, created_at)`,
      [
        clientId,
        userId,
        now,
        mutations.map((entry) => entry.mutation.seq),
        mutations.map((entry) => entry.mutation.id),
        mutations.map((entry) => entry.mutation.name),
        mutations.map((entry) => entry.version),
        mutations.map((entry) => entry.mutation.createdAt),
      ],
    );
  }

  /** A rejection keeps the whole mutation, so the user and their lead can see and redo it. */
  async logRejected(clientId: string, userId: string, mutation: PushedMutation, code: Rejection['code'], reason: string, now: number): Promise<void> {
    await this.client.query(
      `INSERT INTO mutation_log (client_id, seq, mutation_id, name, user_id, status, code, reason, content, created_at, applied_at)
       VALUES ($1, $2, $3, $4, $5, 'rejected', $6, $7, $8, $9, $10)`,
      [clientId, mutation.seq, mutation.id, mutation.name, userId, code, reason, JSON.stringify(mutation), mutation.createdAt, now],
    );
  }

  async rejections(clientId: string, fromSeq: number, toSeq: number): Promise<Rejection[]> {
    const result = await this.client.query<{ seq: number; mutation_id: string; name: string; code: Rejection['code']; reason: string; applied_at: number }>(
      `SELECT seq, mutation_id, name, code, reason, applied_at FROM mutation_log
        WHERE client_id = $1 AND status = 'rejected' AND seq BETWEEN $2 AND $3 ORDER BY seq`,
      [clientId, fromSeq, toSeq],
    );
    return result.rows.map((row) => ({
      seq: Number(row.seq),
      mutationId: row.mutation_id,
      name: row.name,
      code: row.code,
      reason: row.reason,
      rejectedAt: Number(row.applied_at),
    }));
  }

  /** The mutation ids logged at these numbers (applied or rejected). */
  async loggedIds(clientId: string, fromSeq: number, toSeq: number): Promise<{ seq: number; mutationId: string }[]> {
    const result = await this.client.query<{ seq: number; mutation_id: string }>(
      'SELECT seq, mutation_id FROM mutation_log WHERE client_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
      [clientId, fromSeq, toSeq],
    );
    return result.rows.map((row) => ({ seq: Number(row.seq), mutationId: row.mutation_id }));
  }

  async heartbeat(clientId: string, userId: string, pending: number, oldestPendingAt: number | null, now: number): Promise<boolean> {
    const result = await this.client.query(
      `UPDATE clients SET pending_count = $3, oldest_pending_at = $4, heartbeat_at = $5, last_seen_at = $5
        WHERE id = $1 AND user_id = $2`,
      [clientId, userId, pending, oldestPendingAt, now],
    );
    return (result.rowCount ?? 0) > 0;
  }
}
