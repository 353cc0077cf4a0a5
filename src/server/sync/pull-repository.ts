import type { PoolClient } from 'pg';
import type { DeviceStatus, TeamRejection } from '../../shared/sync/protocol';
import type { Actor } from './entity-repository';

/** A pulled row as the protocol sends it ({t, id, data}) as JSON text, with its place in the order. */
export interface ScopedRow {
  kind: string;
  id: string;
  version: number;
  /** JSON text of the wire row; its data is the stored jsonb as PostgreSQL writes it, never parsed here. */
  json: string;
}

const OWNED = "('callback_tasks', 'tickets')";
/** Centre-wide rows: every user of the hub receives them. */
const CENTRE = "('working_calendars')";
const NOT_CUSTOMER_SCOPED = "('callback_tasks', 'tickets', 'agents', 'working_calendars')";

/**
 * The scope filter, in one place: agents see their own tasks and issues, the rows of the
 * customers those reference, their team's directory and the centre-wide rows (the calendar); leads the same for their whole team;
 * admins everything. Tombstones keep their owner and customer, so they pass the same filter.
 * The customer check is an index probe per row, on purpose: an IN over a team's references read
 * every scope_refs row on each pull (23-30 ms with 100k of another team's), and PostgreSQL turns
 * a plain EXISTS into a hash of the whole scope built for every page (30 of a page's 50 ms for
 * 100k customers). OFFSET 0 keeps the subquery as it is written.
 */
function scopeFilter(actor: Actor, first: number): { sql: string; params: unknown[] } {
  if (actor.role === 'admin') return { sql: 'true', params: [] };
  const me = `$${first}`;
  const team = `$${first + 1}`;
  if (actor.role === 'lead') {
    return {
      sql: `((e.kind IN ${OWNED} AND (e.owner_id = ${me} OR e.owner_id IN (SELECT id FROM users WHERE team_id = ${team})))
        OR (e.kind = 'agents' AND (e.team_id = ${team} OR e.id = ${me}))
        OR e.kind IN ${CENTRE}
        OR (e.kind NOT IN ${NOT_CUSTOMER_SCOPED} AND EXISTS (
              SELECT 1 FROM scope_refs r JOIN users u ON u.id = r.user_id
               WHERE r.customer_id = e.customer_id AND (r.user_id = ${me} OR u.team_id = ${team}) OFFSET 0)))`,
      params: [actor.userId, actor.teamId],
    };
  }
  return {
    sql: `((e.kind IN ${OWNED} AND e.owner_id = ${me})
      OR (e.kind = 'agents' AND (e.team_id = ${team} OR e.id = ${me}))
      OR e.kind IN ${CENTRE}
      OR (e.kind NOT IN ${NOT_CUSTOMER_SCOPED} AND EXISTS (SELECT 1 FROM scope_refs r WHERE r.user_id = ${me} AND r.customer_id = e.customer_id OFFSET 0)))`,
    params: [actor.userId, actor.teamId],
  };
}

/** SQL of the pull path; runs inside one REPEATABLE READ snapshot. */
export class PullRepository {
  constructor(private readonly client: PoolClient) {}

  async hubState(): Promise<{ version: number; horizon: number }> {
    const result = await this.client.query<{ version: number; tombstone_horizon: number }>('SELECT version, tombstone_horizon FROM hub_state WHERE id = 1');
    const row = result.rows[0];
    return { version: Number(row?.version ?? 0), horizon: Number(row?.tombstone_horizon ?? 0) };
  }

  /** The scope epochs of a user (and their team): a change means the scope shrank. */
  async epoch(actor: Actor): Promise<string> {
    const result = await this.client.query<{ user_epoch: number; team_epoch: number | null }>(
      'SELECT u.scope_epoch AS user_epoch, t.scope_epoch AS team_epoch FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1',
      [actor.userId],
    );
    const row = result.rows[0];
    const team = actor.role === 'lead' ? Number(row?.team_epoch ?? 0) : 0;
    return `${actor.role}.${actor.teamId ?? ''}.${Number(row?.user_epoch ?? 0)}.${team}`;
  }

  async page(
    actor: Actor,
    after: { version: number; kind: string | null; id: string | null },
    top: number,
    skipTombstonesUpTo: number | null,
    limit: number,
  ): Promise<ScopedRow[]> {
    const params: unknown[] = [after.version, top, limit];
    let position = 'e.version > $1';
    if (after.kind !== null && after.id !== null) {
      params.push(after.kind, after.id);
      position = '(e.version, e.kind, e.id) > ($1, $4, $5)';
    }
    let tombstones = '';
    if (skipTombstonesUpTo !== null) {
      params.push(skipTombstonesUpTo);
      tombstones = `AND NOT (e.deleted AND e.version <= $${params.length})`;
    }
    const scope = scopeFilter(actor, params.length + 1);
    params.push(...scope.params);
    // The stored jsonb comes out as text and goes into the answer as it is (no parse, no stringify).
    const result = await this.client.query<{ kind: string; id: string; version: string; data: string | null }>(
      `SELECT e.kind, e.id, e.version, CASE WHEN e.deleted THEN NULL ELSE e.data::text END AS data
         FROM entities e
        WHERE ${position} AND e.version <= $2 ${tombstones} AND ${scope.sql}
        ORDER BY e.version, e.kind, e.id LIMIT $3`,
      params,
    );
    return result.rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      version: Number(row.version),
      json: `{"t":${JSON.stringify(row.kind)},"id":${JSON.stringify(row.id)},"data":${row.data ?? 'null'}}`,
    }));
  }

  /** Devices and recent rejections of a lead's team (all of them for an admin). */
  async team(actor: Actor, since: number): Promise<{ devices: DeviceStatus[]; rejections: TeamRejection[] }> {
    const members = actor.role === 'admin' ? 'true' : '(u.team_id = $1 OR u.id = $2)';
    const params = actor.role === 'admin' ? [] : [actor.teamId, actor.userId];
    const devices = await this.client.query<{
      id: string;
      user_id: string;
      name: string;
      device_name: string;
      pending_count: number | null;
      oldest_pending_at: number | null;
      heartbeat_at: number | null;
    }>(
      `SELECT c.id, c.user_id, u.name, c.device_name, c.pending_count, c.oldest_pending_at, c.heartbeat_at
         FROM clients c JOIN users u ON u.id = c.user_id WHERE ${members} ORDER BY u.name, c.device_name LIMIT 500`,
      params,
    );
    const rejections = await this.client.query<{
      client_id: string;
      user_id: string;
      name: string;
      seq: number;
      mutation_id: string;
      mutation_name: string;
      code: TeamRejection['code'];
      reason: string;
      applied_at: number;
    }>(
      `SELECT m.client_id, m.user_id, u.name, m.seq, m.mutation_id, m.name AS mutation_name, m.code, m.reason, m.applied_at
         FROM mutation_log m JOIN users u ON u.id = m.user_id
        WHERE m.status = 'rejected' AND m.applied_at >= $${params.length + 1} AND ${members}
        ORDER BY m.applied_at DESC LIMIT 200`,
      [...params, since],
    );
    return {
      devices: devices.rows.map((row) => ({
        clientId: row.id,
        userId: row.user_id,
        userName: row.name,
        deviceName: row.device_name,
        pending: Number(row.pending_count ?? 0),
        oldestPendingAt: row.oldest_pending_at === null ? null : Number(row.oldest_pending_at),
        heartbeatAt: row.heartbeat_at === null ? null : Number(row.heartbeat_at),
      })),
      rejections: rejections.rows.map((row) => ({
        clientId: row.client_id,
        userId: row.user_id,
        userName: row.name,
        seq: Number(row.seq),
        mutationId: row.mutation_id,
        name: row.mutation_name,
        code: row.code,
        reason: row.reason,
        rejectedAt: Number(row.applied_at),
      })),
    };
  }
}
