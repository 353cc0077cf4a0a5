import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { insertChanges, login, pullAll, pushAs, seedCustomer } from '../../support/sync-seed';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { useTempDirs } from '../../support/temp-dir';
import { call, startCore } from '../../support/test-core';
import { until } from '../../support/until';

// Pages of 7 rows: every pull here takes many pages, each asked for while the last is applied.
const hub = useSyncHub({ pullPageRows: 7 });
const tempDir = useTempDirs();

const SYNCED = ['customers', 'purchases', 'callback_tasks', 'calls', 'notes'] as const;

/** What a desktop holds of the synced tables, as "table/id" keys. */
function held(core: Core): string[] {
  return SYNCED.flatMap((table) => (core.db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]).map((id) => `${table}/${id}`)).sort();
}

async function hubScope(username: string): Promise<string[]> {
  const session = await login(hub().url, username, PASSWORD);
  const { rows } = await pullAll(hub().url, session);
  return rows.filter((row) => row.data !== null && (SYNCED as readonly string[]).includes(row.t)).map((row) => `${row.t}/${row.id}`).sort();
}

describe('a desktop pulling many pages', () => {
  it('ends with exactly the hub\'s rows for its scope, and plans SLA alerts for what arrived', async () => {
    const h = hub();
    await h.seed('ann', 10);
    // One of Ann's callbacks was due an hour ago: the desktop must warn about it once it has it.
    const late = seedCustomer(h.userId.ann, 9_001, Date.now());
    late.task.due_start = Date.now() - 3 * 86_400_000;
    late.task.due_end = Date.now() - 3_600_000;
    const adminSeq = Number((await h.hub.pool.query('SELECT last_mutation_seq FROM clients WHERE id = $1', [h.admin.clientId])).rows[0].last_mutation_seq);
    const seeded = await pushAs(h.url, h.admin, adminSeq, [{ name: 'import.apply', changes: insertChanges([late]) }]);
    expect(seeded.body.rejected).toEqual([]);

    const ann = startCore(tempDir(), { now: () => Date.now() }, undefined, { watch: true, sync: { intervalMs: 60_000 } });
    const status = await call(ann, 'sync.signIn', { hubUrl: h.url, username: 'ann', password: PASSWORD });
    expect(status.state).toBe('online');
    const expected = await hubScope('ann');
    expect(expected.length).toBeGreaterThan(30);
    expect(held(ann)).toEqual(expected);
    const alerts = await until(() => call(ann, 'alerts.list', { offset: 0, limit: 50 }), (list) => list.rows.some((alert) => alert.subjectId === late.task.id));
    expect(alerts.rows.filter((alert) => alert.subjectId === late.task.id).map((alert) => alert.kind)).toContain('breach');
    ann.close();
  });

  it('after a refusal pulls the hub\'s view afresh over many pages, never emptying the queue meanwhile, and keeps the rest of the work', async () => {
    const h = hub();
    const { tasks } = await h.seed('bo', 6);
    const bo = startCore(tempDir(), { now: () => Date.now() }, undefined, { sync: { intervalMs: 60_000 } });
    expect((await call(bo, 'sync.signIn', { hubUrl: h.url, username: 'bo', password: PASSWORD })).state).toBe('online');
    // Bo works on two callbacks; meanwhile his lead gives the first one to Ann.
    const lead = await login(h.url, 'lead', PASSWORD);
    await pushAs(h.url, lead, 0, [
      { name: 'task.assign', changes: [{ t: 'callback_tasks', id: tasks[0]!, op: 'upd', f: { assigned_agent_id: h.userId.ann }, o: { assigned_agent_id: h.userId.bo } }] },
    ]);
    // Whenever the screens would re-read, Bo's other callbacks are all there.
    const others = tasks.slice(1);
    const missing = new Set<string>();
    bo.on('data.changed', () => {
      for (const taskId of others) if (!bo.db.prepare('SELECT 1 FROM callback_tasks WHERE id = ?').get(taskId)) missing.add(taskId);
    });
    const lost = { callId: uuidv7(), noteId: uuidv7() };
    const kept = { callId: uuidv7(), noteId: uuidv7() };
    await call(bo, 'call.start', { taskId: tasks[0]!, ...lost });
    await call(bo, 'call.start', { taskId: tasks[1]!, ...kept });
    await call(bo, 'note.save', { ...kept, body: '客户约了周六上门' });

    await until(() => call(bo, 'sync.status', {}), (status) => status.pending === 0 && status.rejections.length > 0);
    await bo.sync.engine.settled();
    const settled = await call(bo, 'sync.status', {});
    expect(settled.state).toBe('online');
    expect(settled.rejections.map((rejection) => rejection.name)).toContain('call.start');
    // The reassigned task is gone, the kept note is on the hub and still here, and the desktop
    // holds exactly the hub's view of Bo's scope.
    expect(bo.db.prepare('SELECT 1 FROM callback_tasks WHERE id = ?').get(tasks[0])).toBeUndefined();
    expect(bo.db.prepare('SELECT body FROM notes WHERE id = ?').pluck().get(kept.noteId)).toBe('客户约了周六上门');
    const onHub = await h.hub.pool.query("SELECT data->>'body' AS body FROM entities WHERE kind = 'notes' AND id = $1", [kept.noteId]);
    expect(onHub.rows[0].body).toBe('客户约了周六上门');
    expect(held(bo)).toEqual(await hubScope('bo'));
    expect([...missing]).toEqual([]);
    bo.close();
  });
});
