import type { Pool } from 'pg';
import { MIN_PUSH_PROTOCOL, type PushedMutation, type PushRequest, type PushResponse } from '../../shared/sync/protocol';
import { syncedTable } from '../../shared/sync/synced-tables';
import { applyMutation, MutationRejected, type Touched } from './apply-mutation';
import { ClientLogRepository } from './client-log-repository';
import { EntityRepository, type Actor } from './entity-repository';
import { HubError } from '../http/hub-error';
import { POKE_CHANNEL, pokePayload } from './pokes';

export interface PushOutcome {
  response: PushResponse;
  /** Users whose scope changed: the caller pokes them after the commit. */
  audience: string[];
  applied: number;
  rejected: number;
}

/**
 * Applies a push exactly once per mutation: in one transaction the client's row is locked, its
 * last applied sequence read, already-applied mutations skipped, a gap refused, and each new
 * mutation applied under a savepoint (a rejection rolls back only that mutation and is logged with
 * its full content), and the new last sequence written before the commit.
 */
export async function push(pool: Pool, actor: Actor & { clientId: string | null }, request: PushRequest, now: number): Promise<PushOutcome> {
  if (request.protocolVersion < MIN_PUSH_PROTOCOL) {
    throw new HubError(426, 'update_required', `protocol ${request.protocolVersion} is no longer accepted; update CareCall`);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const log = new ClientLogRepository(client);
    const entities = new EntityRepository(client);
    const bound = await log.lockClient(request.clientId);
    if (!bound || bound.userId !== actor.userId || (actor.clientId !== null && actor.clientId !== request.clientId)) {
      throw new HubError(403, 'forbidden', 'this client id is not registered to the signed-in user');
    }
    const ordered = [...request.mutations].sort((a, b) => a.seq - b.seq);
    for (let index = 1; index < ordered.length; index++) {
      if (ordered[index]!.seq !== ordered[index - 1]!.seq + 1) throw new HubError(400, 'invalid_request', 'mutation sequence numbers in a push must be consecutive');
    }
    const first = ordered[0]!.seq;
    const lastPushed = ordered.at(-1)!.seq;
    if (first > bound.lastSeq + 1) {
      throw new HubError(409, 'sequence_gap', `mutation ${first} follows ${bound.lastSeq}: ${first - bound.lastSeq - 1} are missing`, { lastMutationSeq: bound.lastSeq });
    }
    // A number already used must carry the same mutation: anything else is not a replay but a
    // collision (a forged push, or two desktops on copies of one data folder), and skipping it
    // would drop the desktop's real mutation.
    const replayed = ordered.filter((mutation) => mutation.seq <= bound.lastSeq);
    if (replayed.length > 0) {
      const logged = new Map((await log.loggedIds(request.clientId, replayed[0]!.seq, replayed.at(-1)!.seq)).map((entry) => [entry.seq, entry.mutationId]));
      const clash = replayed.find((mutation) => logged.has(mutation.seq) && logged.get(mutation.seq) !== mutation.id);
      if (clash) {
        throw new HubError(409, 'sequence_conflict', `mutation number ${clash.seq} of this client is already a different mutation; number the pending ones after ${bound.lastSeq}`, {
          lastMutationSeq: bound.lastSeq,
        });
      }
    }
    let version: number | null = null;
    // Taken on the first write only: a push of replays or no-ops does not wait on other writers.
    const takeVersion = async (): Promise<number> => (version ??= await entities.nextVersion());
    // Every writer takes the version lock before any row lock, so two pushes never wait on each
    // other in opposite order (a deadlock the chaos suite hit: call.finish vs task.assign).
    const fresh = ordered.filter((mutation) => mutation.seq > bound.lastSeq);
    if (fresh.some((mutation) => mutation.changes.length > 0)) {
      await takeVersion();
      // Then every row the batch touches, locked in one round trip rather than one per change.
      const rows = fresh.flatMap((mutation) => mutation.changes).flatMap((change) => {
        const table = syncedTable(change.t);
        return table ? [{ kind: table.name, id: change.id }] : [];
      });
      await entities.lockRows(rows);
    }
    const touched: Touched = { customers: new Set(), owners: new Set() };
    const appliedLog: { mutation: PushedMutation; version: number | null }[] = [];
    let lastSeq = bound.lastSeq;
    let rejected = 0;
    // A savepoint per mutation, so a rejection undoes only that one. Releasing one and taking the
    // next go together in one round trip (simple-protocol statements, no parameters); the last
    // one is released by the COMMIT.
    let savepoint: 'none' | 'open' = 'none';
    for (const mutation of fresh) {
      await client.query(savepoint === 'open' ? 'RELEASE SAVEPOINT mutation; SAVEPOINT mutation' : 'SAVEPOINT mutation');
      savepoint = 'open';
      try {
        await applyMutation(entities, actor, mutation, takeVersion, touched, now);
        appliedLog.push({ mutation, version });
      } catch (error) {
        const refusal = asRejection(error);
        if (!refusal) throw error;
        await client.query('ROLLBACK TO SAVEPOINT mutation; RELEASE SAVEPOINT mutation');
        savepoint = 'none';
        entities.forgetRolledBack();
        await log.logRejected(request.clientId, actor.userId, mutation, refusal.code, refusal.reason, now);
        rejected += 1;
      }
      lastSeq = mutation.seq;
    }
    await log.logApplied(request.clientId, actor.userId, appliedLog, now);
    const applied = appliedLog.length;
    await log.setLastSeq(request.clientId, lastSeq, now, request);
    const audience = touched.customers.size + touched.owners.size > 0 ? await entities.audience([...touched.customers], [...touched.owners]) : [];
    const rejections = await log.rejections(request.clientId, first, Math.min(lastPushed, lastSeq));
    // Delivered by PostgreSQL at commit, to every hub instance listening: pokes never precede the data.
    if (touched.centre) await client.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, '"*"']);
    else if (audience.length > 0) await client.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, pokePayload(audience)]);
    await client.query('COMMIT');
    return { response: { lastMutationSeq: lastSeq, rejected: rejections }, audience, applied, rejected };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Business refusals and constraint violations become rejections; anything else fails the push. */
function asRejection(error: unknown): MutationRejected | null {
  if (error instanceof MutationRejected) return error;
  const pgError = error as { code?: string; constraint?: string; detail?: string };
  if (pgError.code === '23505') return new MutationRejected('conflict', `already exists on the hub (${pgError.constraint ?? 'unique'}): ${pgError.detail ?? ''}`.trim());
  if (pgError.code === '22P02' || pgError.code === '22023') return new MutationRejected('invalid', `invalid value: ${(error as Error).message}`);
  return null;
}
