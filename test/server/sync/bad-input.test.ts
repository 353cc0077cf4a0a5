import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildHub } from '../../../src/server/app';
import { createHubLogger } from '../../../src/server/logger';
import { installSync } from '../../../src/server/sync/install-sync';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { hubPost, login, pullAll, pushAs, SCHEMA_VERSION } from '../../support/sync-seed';
import { PROTOCOL_VERSION } from '../../../src/shared/sync/protocol';

const hub = useSyncHub();

describe('bad input to the hub', () => {
  it('refuses malformed, oversized, unauthenticated and too-old requests with a clear status, applying nothing', async () => {
    const h = hub();
    const ann = await login(h.url, 'ann', PASSWORD);
    const before = (await h.hub.pool.query('SELECT count(*)::int AS n FROM mutation_log')).rows[0].n;
    expect(await hubPost(h.url, '/sync/push', ann, '{"clientId": ')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await hubPost(h.url, '/sync/push', ann, { clientId: ann.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, mutations: [{ seq: 'one' }] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', message: expect.stringContaining('mutations') },
    });
    const huge = { clientId: ann.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, mutations: [{ seq: 1, id: 'x', name: 'note.save', args: 'x'.repeat(9 * 1024 * 1024), changes: [], createdAt: 1 }] };
    expect(await hubPost(h.url, '/sync/push', ann, huge)).toMatchObject({ status: 413, body: { error: 'too_large' } });
    const tooMany = { clientId: ann.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, mutations: Array.from({ length: 501 }, (_, i) => ({ seq: i + 1, id: `m${i}`, name: 'note.save', args: {}, changes: [], createdAt: 1 })) };
    expect((await hubPost(h.url, '/sync/push', ann, tooMany)).status).toBe(400);
    expect(await pushAs(h.url, { ...ann, token: 'not-a-token' }, 0, [{ name: 'note.save', changes: [] }])).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await hubPost(h.url, '/sync/pull', ann, { clientId: ann.clientId, protocolVersion: 1, schemaVersion: SCHEMA_VERSION, cursor: null, pendingFromSeq: null })).toMatchObject({
      status: 426,
      body: { error: 'update_required' },
    });
    expect((await h.hub.pool.query('SELECT count(*)::int AS n FROM mutation_log')).rows[0].n).toBe(before);
    expect((await pullAll(h.url, ann)).rows.length).toBeGreaterThan(0);
  });

  it('still takes a push in the previous format (v1: no old values) so queued work is not stranded', async () => {
    const h = hub();
    const { tasks } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const result = await hubPost(h.url, '/sync/push', ann, {
      clientId: ann.clientId,
      protocolVersion: 1,
      schemaVersion: 3,
      mutations: [{ seq: 1, id: 'v1-mutation', name: 'call.finish', args: {}, createdAt: 1, changes: [{ t: 'callback_tasks', id: tasks[0], op: 'upd', f: { status: 'completed', is_open: 0 } }] }],
    });
    expect(result).toMatchObject({ status: 200, body: { lastMutationSeq: 1, rejected: [] } });
    const row = await h.hub.pool.query("SELECT data->>'status' AS status FROM entities WHERE kind = 'callback_tasks' AND id = $1", [tasks[0]]);
    expect(row.rows[0].status).toBe('completed');
  });

  it('treats a replay of an old batch as already applied, never twice', async () => {
    const h = hub();
    const { tasks } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const attempt = (status: string, from: string) => [{ name: 'call.finish', changes: [{ t: 'callback_tasks', id: tasks[0]!, op: 'upd' as const, f: { status, attempts: 1 }, o: { status: from, attempts: 0 } }] }];
    await pushAs(h.url, ann, 0, attempt('retry', 'pending'));
    await pushAs(h.url, ann, 1, attempt('completed', 'retry'));
    // The first batch arrives again (a proxy retried it): nothing moves back.
    const replay = await pushAs(h.url, ann, 0, attempt('retry', 'pending'));
    expect(replay.body.lastMutationSeq).toBe(2);
    const row = await h.hub.pool.query("SELECT data->>'status' AS status FROM entities WHERE kind = 'callback_tasks' AND id = $1", [tasks[0]]);
    expect(row.rows[0].status).toBe('completed');
    expect((await h.hub.pool.query('SELECT count(*)::int AS n FROM mutation_log WHERE client_id = $1', [ann.clientId])).rows[0].n).toBe(2);
  });
});

describe('refusals in the log', () => {
  it('logs each refused request with its status and who sent it, and never the token', async () => {
    const h = hub();
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const app = await buildHub({ pool: h.hub.pool, clock: { now: () => Date.now() }, logger: createHubLogger({ level: 'info' }, sink), routes: (instance) => installSync(instance) });
    const ann = await login(h.url, 'ann', PASSWORD);
    const response = await app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
      payload: { clientId: ann.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, cursor: 'forged', pendingFromSeq: null },
    });
    expect(response.statusCode).toBe(400);
    await app.close();
    const refusal = lines.map((line) => JSON.parse(line)).find((entry) => entry.status === 400);
    expect(refusal).toMatchObject({ level: 40, error: 'cursor_invalid', user: h.userId.ann });
    expect(lines.join('\n')).not.toContain(ann.token);
  });
});
