import type { Pool } from 'pg';
import { MIN_PULL_PROTOCOL, PULL_PAGE_ROWS, type PullRequest, type PullResponse } from '../../shared/sync/protocol';
import { ClientLogRepository } from './client-log-repository';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';
import type { Actor } from './entity-repository';
import { HubError } from '../http/hub-error';
import { PullRepository } from './pull-repository';

/** How far back a lead's view of the team's rejections goes. */
const TEAM_REJECTIONS_MS = 7 * 24 * 3600_000;

/** A pull answer whose rows are already JSON text, their data as PostgreSQL wrote it (see pullBody). */
export interface PulledPage {
  meta: Omit<PullResponse, 'rows'>;
  /** The rows, comma-separated JSON objects of the PulledRow shape. */
  rowsJson: string;
}

/** The answer's JSON: the rows spliced in as they are, never parsed and re-serialised here. */
export function pullBody(page: PulledPage): string {
  const meta = JSON.stringify(page.meta);
  return `${meta.slice(0, -1)},"rows":[${page.rowsJson}]}`;
}

/**
 * One page of changes in the user's scope since their cursor, read in one REPEATABLE READ
 * snapshot together with the client's last applied mutation. Versions are stamped in commit
 * order (see migration 0002), so everything at or below the snapshot's version is visible and a
 * cursor never passes a commit it has not seen. A cursor cut for another scope, or older than the
 * tombstones kept, starts a reset: the desktop empties its synced rows and receives the scope anew.
 */
export async function pull(pool: Pool, actor: Actor & { clientId: string | null }, request: PullRequest, now: number, pageRows = PULL_PAGE_ROWS): Promise<PulledPage> {
  if (request.protocolVersion < MIN_PULL_PROTOCOL) {
    throw new HubError(426, 'update_required', `protocol ${request.protocolVersion} is too old for this hub; update CareCall`);
  }
  let cursor: Cursor | null = null;
  if (request.cursor !== null) {
    cursor = decodeCursor(request.cursor);
    if (!cursor) throw new HubError(400, 'cursor_invalid', 'the cursor is not one this hub issued');
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const repository = new PullRepository(client);
    const log = new ClientLogRepository(client);
    const bound = await log.readClient(request.clientId);
    if (!bound || bound.userId !== actor.userId || (actor.clientId !== null && actor.clientId !== request.clientId)) {
      throw new HubError(403, 'forbidden', 'this client id is not registered to the signed-in user');
    }
    const state = await repository.hubState();
    const epoch = await repository.epoch(actor);
    if (cursor && cursor.version > state.version) {
      throw new HubError(400, 'cursor_invalid', `the cursor is at version ${cursor.version}, beyond the hub's ${state.version}`);
    }
    const stale = cursor !== null && (cursor.userId !== actor.userId || cursor.epoch !== epoch || (cursor.resetFrom === null && cursor.version < state.horizon));
    const reset = cursor === null || stale;
    const from: Cursor = reset
      ? { userId: actor.userId, epoch, version: 0, kind: null, id: null, resetFrom: state.version }
      : (cursor as Cursor);
    const rows = await repository.page(actor, from, state.version, from.resetFrom, pageRows);
    const more = rows.length === pageRows;
    const last = rows.at(-1);
    const next: Cursor =
      more && last
        ? { ...from, version: last.version, kind: last.kind, id: last.id }
        : { userId: actor.userId, epoch, version: state.version, kind: null, id: null, resetFrom: null };
    const rejected = request.pendingFromSeq === null ? [] : await log.rejections(request.clientId, request.pendingFromSeq, bound.lastSeq);
    const acked = request.pendingFromSeq === null ? [] : await log.loggedIds(request.clientId, request.pendingFromSeq, bound.lastSeq);
    const team = actor.role === 'lead' || actor.role === 'admin' ? await repository.team(actor, now - TEAM_REJECTIONS_MS) : null;
    await client.query('COMMIT');
    return {
      meta: { reset, cursor: encodeCursor(next), more, lastMutationSeq: bound.lastSeq, rejected, acked, team },
      rowsJson: rows.map((row) => row.json).join(','),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
