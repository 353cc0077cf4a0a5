import type pg from 'pg';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { PROTOCOL_VERSION, type PulledRow, type RowChange } from '../../src/shared/sync/protocol';
import { hubPost, login, SCHEMA_VERSION, type Session } from '../support/sync-seed';
import { sleep } from './random';

export const PASSWORD = 'correct horse 1';

export interface PushOutcome {
  mutationId: string;
  status: 'applied' | 'rejected';
  code: string | null;
  reason: string | null;
}

/**
 * The harness's own way to the hub, straight past the fault proxy: admin pushes and reads. The hub
 * may be down (being restarted) at any moment, so every call retries until it gets an answer, and
 * a push is made exactly once by its sequence number: before each attempt the hub's log is asked
 * whether the mutation already landed (an earlier attempt's answer may have been lost).
 */
export class HubClient {
  constructor(
    private readonly url: string,
    readonly pool: pg.Pool,
  ) {}

  async login(username: string, clientId: string = uuidv4(), timeoutMs = 30_000): Promise<Session> {
    return this.retry(`login ${username}`, () => login(this.url, username, PASSWORD, clientId), timeoutMs);
  }

  private readonly queues = new Map<string, Promise<unknown>>();

  /** One push at a time per client: two at once would both take the next sequence number. */
  push(session: Session, mutation: { name: string; changes: RowChange[]; args?: unknown }, timeoutMs = 30_000): Promise<PushOutcome> {
    const previous = this.queues.get(session.clientId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.pushNow(session, mutation, timeoutMs));
    this.queues.set(session.clientId, next);
    return next;
  }

  private async pushNow(session: Session, mutation: { name: string; changes: RowChange[]; args?: unknown }, timeoutMs: number): Promise<PushOutcome> {
    const id = uuidv7();
    const end = Date.now() + timeoutMs;
    for (;;) {
      const logged = await this.pool.query<{ status: 'applied' | 'rejected'; code: string | null; reason: string | null }>(
        'SELECT status, code, reason FROM mutation_log WHERE client_id = $1 AND mutation_id = $2',
        [session.clientId, id],
      );
      const row = logged.rows[0];
      if (row) return { mutationId: id, status: row.status, code: row.code, reason: row.reason };
      if (Date.now() > end) throw new Error(`push ${mutation.name} as ${session.userId} got no answer within ${timeoutMs} ms`);
      const last = await this.pool.query<{ last_mutation_seq: number }>('SELECT last_mutation_seq FROM clients WHERE id = $1', [session.clientId]);
      try {
        const answer = await hubPost(this.url, '/sync/push', session, {
          clientId: session.clientId,
          protocolVersion: PROTOCOL_VERSION,
          schemaVersion: SCHEMA_VERSION,
          mutations: [{ seq: Number(last.rows[0]?.last_mutation_seq ?? 0) + 1, id, name: mutation.name, args: mutation.args ?? {}, changes: mutation.changes, createdAt: Date.now() }],
        });
        if (answer.status !== 200 && answer.status < 500 && answer.status !== 409) {
          throw new Error(`push ${mutation.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      } catch (error) {
        if (!isUnreachable(error)) throw error;
      }
      await sleep(200);
    }
  }

  /** POST that retries while the hub is unreachable or answers 5xx; returns the first real answer. */
  async post(path: string, session: Session | null, body: unknown, timeoutMs = 30_000): Promise<{ status: number; body: any }> {
    return this.retry(path, async () => {
      const answer = await hubPost(this.url, path, session, body);
      if (answer.status >= 500) throw new UnreachableError(`${path}: ${answer.status}`);
      return answer;
    }, timeoutMs);
  }

  /** A full read of a user's scope: a reset pull paged to the end, as a fresh desktop would get it. */
  async fullPull(session: Session): Promise<{ rows: PulledRow[]; cursor: string }> {
    return this.retry('full pull', async () => {
      const rows: PulledRow[] = [];
      let cursor: string | null = null;
      for (;;) {
        const answer = await hubPost(this.url, '/sync/pull', session, {
          clientId: session.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, cursor, pendingFromSeq: null,
        });
        if (answer.status >= 500) throw new UnreachableError(`pull ${answer.status}`);
        if (answer.status !== 200) throw new Error(`pull: ${answer.status} ${JSON.stringify(answer.body)}`);
        if (cursor === null && !answer.body.reset) throw new Error('a first pull was not a reset');
        rows.push(...(answer.body.rows as PulledRow[]));
        cursor = answer.body.cursor as string;
        if (!answer.body.more) return { rows, cursor };
      }
    }, 60_000);
  }

  private async retry<T>(what: string, attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!isUnreachable(error) || Date.now() > end) throw error;
      }
      await sleep(200);
    }
  }
}

class UnreachableError extends Error {}

/** fetch failed (connection refused or reset) or the hub answered 5xx: worth another try. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof UnreachableError) return true;
  if (error instanceof TypeError) return true; // undici: "fetch failed"
  const message = error instanceof Error ? error.message : String(error);
  return /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|: 5\d\d /.test(message);
}
