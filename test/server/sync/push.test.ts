import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { hubPost, login, pullAll, pushAs, SCHEMA_VERSION } from '../../support/sync-seed';
import { PROTOCOL_VERSION } from '../../../src/shared/sync/protocol';

const hub = useSyncHub();

const noteRow = (id: string, customerId: string, agentId: string, body: string) => ({
  id, customer_id: customerId, task_id: null, call_id: null, agent_id: agentId, body, created_at: 1, updated_at: 1,
});

describe('push', () => {
  it('applies each mutation exactly once: a replayed batch changes nothing and answers the same', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const batch = {
      clientId: ann.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION,
      mutations: [1, 2].map((seq) => ({
        seq, id: uuidv7(), name: 'note.save', args: {}, createdAt: Date.now(),
        changes: [{ t: 'notes', id: `n-${ann.clientId}-${seq}`, op: 'ins', f: noteRow(`n-${ann.clientId}-${seq}`, customers[0]!, h.userId.ann, `第${seq}条`) }],
      })),
    };
    const first = await hubPost(h.url, '/sync/push', ann, batch);
    expect(first).toMatchObject({ status: 200, body: { lastMutationSeq: 2, rejected: [] } });
    const replay = await hubPost(h.url, '/sync/push', ann, batch);
    expect(replay).toMatchObject({ status: 200, body: { lastMutationSeq: 2, rejected: [] } });
    const log = await h.hub.pool.query('SELECT seq, mutation_id FROM mutation_log WHERE client_id = $1 ORDER BY seq', [ann.clientId]);
    expect(log.rows.map((row) => Number(row.seq))).toEqual([1, 2]);
    expect(log.rows.map((row) => row.mutation_id)).toEqual(batch.mutations.map((m) => m.id));
    const notes = (await pullAll(h.url, ann)).rows.filter((row) => row.t === 'notes');
    expect(notes.map((row) => row.data?.body).sort()).toEqual(['第1条', '第2条']);
  });

  it('refuses a gap with the last applied number, and applies nothing of that push', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const gap = await pushAs(h.url, ann, 3, [{ name: 'note.save', changes: [{ t: 'notes', id: 'gap-note', op: 'ins', f: noteRow('gap-note', customers[0]!, h.userId.ann, 'x') }] }]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: 'sequence_gap', lastMutationSeq: 0 });
    const stored = await h.hub.pool.query("SELECT 1 FROM entities WHERE kind = 'notes' AND id = 'gap-note'");
    expect(stored.rowCount).toBe(0);
  });

  it('records a rejected mutation with its full content and goes on with the ones behind it', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const theirs = await h.seed('bo', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const result = await pushAs(h.url, ann, 0, [
      { name: 'note.save', changes: [{ t: 'notes', id: 'ok-1', op: 'ins', f: noteRow('ok-1', customers[0]!, h.userId.ann, '第一条') }] },
      // Bo's customer: outside Ann's scope.
      { name: 'note.save', args: { body: '写错客户了' }, changes: [{ t: 'notes', id: 'bad', op: 'ins', f: noteRow('bad', theirs.customers[0]!, h.userId.ann, '写错客户了') }] },
      { name: 'note.save', changes: [{ t: 'notes', id: 'ok-2', op: 'ins', f: noteRow('ok-2', customers[0]!, h.userId.ann, '第三条') }] },
    ]);
    expect(result.status).toBe(200);
    expect(result.body.lastMutationSeq).toBe(3);
    expect(result.body.rejected).toEqual([expect.objectContaining({ seq: 2, code: 'forbidden', name: 'note.save' })]);
    const log = await h.hub.pool.query("SELECT status, content FROM mutation_log WHERE client_id = $1 AND seq = 2", [ann.clientId]);
    expect(log.rows[0].status).toBe('rejected');
    expect(log.rows[0].content.args).toEqual({ body: '写错客户了' });
    expect(log.rows[0].content.changes[0].f.body).toBe('写错客户了');
    const ids = (await h.hub.pool.query("SELECT id FROM entities WHERE kind = 'notes' AND id = ANY($1)", [['ok-1', 'bad', 'ok-2']])).rows.map((r) => r.id).sort();
    expect(ids).toEqual(['ok-1', 'ok-2']);
  });

  it('applies a batch that edits one row again and again in order; a mutation refused half-way leaves nothing the next one sees', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const theirs = await h.seed('bo', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const note = `n-${ann.clientId}`;
    const result = await pushAs(h.url, ann, 0, [
      { name: 'note.save', changes: [{ t: 'notes', id: note, op: 'ins', f: noteRow(note, customers[0]!, h.userId.ann, '第一稿') }] },
      { name: 'note.save', changes: [{ t: 'notes', id: note, op: 'upd', f: { body: '第二稿', updated_at: 2 }, o: { body: '第一稿', updated_at: 1 } }] },
      // The first change is written, the second is refused (Bo's customer): the whole mutation goes.
      {
        name: 'note.save',
        changes: [
          { t: 'notes', id: note, op: 'upd', f: { body: '不该留下', updated_at: 3 }, o: { body: '第二稿', updated_at: 2 } },
          { t: 'notes', id: 'stray', op: 'ins', f: noteRow('stray', theirs.customers[0]!, h.userId.ann, '写错客户了') },
        ],
      },
      // Changes only the time: the text it keeps is what the hub holds after the refusal.
      { name: 'note.save', changes: [{ t: 'notes', id: note, op: 'upd', f: { updated_at: 4 }, o: { updated_at: 2 } }] },
    ]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ lastMutationSeq: 4, rejected: [expect.objectContaining({ seq: 3, code: 'forbidden' })] });
    const stored = await h.hub.pool.query("SELECT data->>'body' AS body, (data->>'updated_at')::int AS at FROM entities WHERE kind = 'notes' AND id = $1", [note]);
    expect(stored.rows[0]).toEqual({ body: '第二稿', at: 4 });
    const log = await h.hub.pool.query('SELECT seq, status FROM mutation_log WHERE client_id = $1 ORDER BY seq', [ann.clientId]);
    expect(log.rows.map((row) => `${row.seq}:${row.status}`)).toEqual(['1:applied', '2:applied', '3:rejected', '4:applied']);
    const pulled = (await pullAll(h.url, ann)).rows.filter((row) => row.t === 'notes' && (row.id === note || row.id === 'stray'));
    expect(pulled.map((row) => [row.id, row.data?.body])).toEqual([[note, '第二稿']]);
  });

  it('refuses an unknown mutation name as a rejection naming it, and a table the mutation may not touch', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const result = await pushAs(h.url, ann, 0, [
      { name: 'customer.erase', changes: [{ t: 'customers', id: customers[0]!, op: 'del' }] },
      { name: 'note.save', changes: [{ t: 'customers', id: customers[0]!, op: 'upd', f: { name: '改名' }, o: { name: '客户' } }] },
    ]);
    expect(result.body.rejected).toEqual([
      expect.objectContaining({ seq: 1, code: 'invalid', reason: expect.stringContaining('unknown mutation customer.erase') }),
      expect.objectContaining({ seq: 2, code: 'forbidden', reason: expect.stringContaining('may not change customers') }),
    ]);
    const customer = await h.hub.pool.query("SELECT deleted, data->>'name' AS name FROM entities WHERE kind = 'customers' AND id = $1", [customers[0]]);
    expect(customer.rows[0]).toMatchObject({ deleted: false });
    expect(customer.rows[0].name).not.toBe('改名');
  });

  it('loses a reassignment race visibly: the second lead to move a task is refused with who has it now', async () => {
    const h = hub();
    const { tasks } = await h.seed('ann', 1);
    const lead = await login(h.url, 'lead', PASSWORD);
    const other = await login(h.url, 'lead', PASSWORD);
    const move = (to: string) => [{ t: 'callback_tasks', id: tasks[0]!, op: 'upd' as const, f: { assigned_agent_id: to }, o: { assigned_agent_id: h.userId.ann } }];
    const first = await pushAs(h.url, lead, 0, [{ name: 'task.assign', changes: move(h.userId.bo) }]);
    expect(first.body.rejected).toEqual([]);
    const second = await pushAs(h.url, other, 0, [{ name: 'task.assign', changes: move(h.userId.lead) }]);
    expect(second.body.rejected).toEqual([expect.objectContaining({ code: 'lost_race', reason: expect.stringContaining(h.userId.bo) })]);
    const owner = await h.hub.pool.query("SELECT owner_id FROM entities WHERE kind = 'callback_tasks' AND id = $1", [tasks[0]]);
    expect(owner.rows[0].owner_id).toBe(h.userId.bo);
  });
});
