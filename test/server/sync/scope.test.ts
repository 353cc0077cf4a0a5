import { describe, expect, it } from 'vitest';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { hubPost, login, pullAll, pushAs, SCHEMA_VERSION } from '../../support/sync-seed';
import { PROTOCOL_VERSION } from '../../../src/shared/sync/protocol';

const hub = useSyncHub();

describe('scope', () => {
  it('gives an agent their own tasks and customers, a lead their team, an admin everything', async () => {
    const h = hub();
    const ann = await h.seed('ann', 2);
    const bo = await h.seed('bo', 2);
    const cai = await h.seed('cai', 2);
    const tasksOf = async (username: string) =>
      (await pullAll(h.url, await login(h.url, username, PASSWORD))).rows.filter((row) => row.t === 'callback_tasks').map((row) => row.id);
    const customersOf = async (username: string) =>
      (await pullAll(h.url, await login(h.url, username, PASSWORD))).rows.filter((row) => row.t === 'customers').map((row) => row.id);

    expect((await tasksOf('ann')).sort()).toEqual([...ann.tasks].sort());
    expect((await customersOf('ann')).sort()).toEqual([...ann.customers].sort());
    const lead = await tasksOf('lead');
    expect(lead).toEqual(expect.arrayContaining([...ann.tasks, ...bo.tasks]));
    expect(lead).not.toEqual(expect.arrayContaining([cai.tasks[0]]));
    expect(await tasksOf('root')).toEqual(expect.arrayContaining([...ann.tasks, ...bo.tasks, ...cai.tasks]));
  });

  it('hands a reassigned task to its new agent with its customer, and resets the old one without it', async () => {
    const h = hub();
    const seeded = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const cai = await login(h.url, 'cai', PASSWORD);
    const annFirst = await pullAll(h.url, ann);
    const caiFirst = await pullAll(h.url, cai);
    const adminSeq = Number((await h.hub.pool.query('SELECT last_mutation_seq FROM clients WHERE id = $1', [h.admin.clientId])).rows[0].last_mutation_seq);
    const moved = await pushAs(h.url, h.admin, adminSeq, [
      { name: 'task.assign', changes: [{ t: 'callback_tasks', id: seeded.tasks[0]!, op: 'upd', f: { assigned_agent_id: h.userId.cai }, o: { assigned_agent_id: h.userId.ann } }] },
    ]);
    expect(moved.body.rejected).toEqual([]);
    const annNext = await pullAll(h.url, ann, annFirst.cursor);
    expect(annNext.resets).toBe(1);
    expect(annNext.rows.map((row) => row.id)).not.toContain(seeded.tasks[0]);
    expect(annNext.rows.map((row) => row.id)).not.toContain(seeded.customers[0]);
    const caiNext = await pullAll(h.url, cai, caiFirst.cursor);
    expect(caiNext.rows.map((row) => row.id)).toEqual(expect.arrayContaining([seeded.tasks[0], seeded.customers[0]]));
  });

  it("refuses a forged client id and another user's client, and an agent's change to someone else's task", async () => {
    const h = hub();
    const bo = await h.seed('bo', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const boSession = await login(h.url, 'bo', PASSWORD);
    const body = (clientId: string) => ({ clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, cursor: null, pendingFromSeq: null });
    expect(await hubPost(h.url, '/sync/pull', ann, body('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await hubPost(h.url, '/sync/pull', ann, body(boSession.clientId))).toMatchObject({ status: 403 });
    const forged = await pushAs(h.url, { ...ann, clientId: boSession.clientId }, 0, [{ name: 'note.save', changes: [] }]);
    expect(forged.status).toBe(403);
    const steal = await pushAs(h.url, ann, 0, [
      { name: 'task.assign', changes: [{ t: 'callback_tasks', id: bo.tasks[0]!, op: 'upd', f: { assigned_agent_id: h.userId.ann }, o: { assigned_agent_id: h.userId.bo } }] },
    ]);
    expect(steal.body.rejected).toEqual([expect.objectContaining({ code: 'forbidden' })]);
    const owner = await h.hub.pool.query("SELECT owner_id FROM entities WHERE kind = 'callback_tasks' AND id = $1", [bo.tasks[0]]);
    expect(owner.rows[0].owner_id).toBe(h.userId.bo);
    // The hub goes on serving the others.
    expect((await pullAll(h.url, boSession)).rows.map((row) => row.id)).toContain(bo.tasks[0]);
  });
});
