import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Core, CoreOptions } from '../../../src/main/core';
import { HubRequestError, httpTransport, type HubTransport } from '../../../src/main/sync/hub-transport';
import { login, pushAs } from '../../support/sync-seed';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { useTempDirs } from '../../support/temp-dir';
import { call, startCore } from '../../support/test-core';
import { until } from '../../support/until';

const hub = useSyncHub();
const tempDir = useTempDirs();

async function signedIn(username: string, dir = tempDir(), extra: Partial<CoreOptions> = {}): Promise<Core> {
  const core = startCore(dir, { now: () => Date.now() }, undefined, { sync: { intervalMs: 60_000 }, ...extra });
  const status = await call(core, 'sync.signIn', { hubUrl: hub().url, username, password: PASSWORD });
  expect(status.state).toBe('online');
  return core;
}

describe('a desktop signed in to a hub', () => {
  it('receives its own queue, and a note saved there reaches the lead through a poke', async () => {
    const seeded = await hub().seed('ann', 3);
    const ann = await signedIn('ann');
    const queue = await call(ann, 'queue.list', { filter: {}, offset: 0, limit: 50 });
    expect(queue.rows.map((row) => row.taskId).sort()).toEqual(expect.arrayContaining(seeded.tasks));
    const lead = await signedIn('lead');

    const taskId = seeded.tasks[0]!;
    const callId = uuidv7();
    const noteId = uuidv7();
    await call(ann, 'task.open', { taskId });
    await call(ann, 'call.start', { taskId, callId, noteId });
    await call(ann, 'note.save', { noteId, callId, body: '客户说洗衣机有异响' });
    const seen = await until(
      () => lead.db.prepare('SELECT body FROM notes WHERE id = ?').get(noteId) as { body: string } | undefined,
      (row) => row?.body === '客户说洗衣机有异响',
    );
    expect(seen?.body).toBe('客户说洗衣机有异响');
    await until(() => call(ann, 'sync.status', {}), (status) => status.pending === 0);
    expect((await call(ann, 'sync.status', {})).pending).toBe(0);
    ann.close();
    lead.close();
  });

  it('keeps the session token in a file only the user can read', async () => {
    const dir = tempDir();
    const core = await signedIn('bo', dir);
    expect(statSync(join(dir, 'hub-session')).mode & 0o777).toBe(0o600);
    core.close();
  });
});

/** A network the test can cut: whole (offline) or only for pushes. Keeps the time of every push tried. */
function cuttableNetwork() {
  const cut = { all: false, push: false };
  const pushesTried: number[] = [];
  const transport = (url: string): HubTransport => {
    const real = httpTransport(url);
    return {
      post: (path, body, token, parse) => {
        if (path === '/sync/push') pushesTried.push(Date.now());
        return cut.all || (cut.push && path === '/sync/push') ? Promise.reject(new HubRequestError(0, null, 'network cut by the test')) : real.post(path, body, token, parse);
      },
      listen: (token, onPoke, onOpen, signal) => (cut.all ? Promise.reject(new HubRequestError(0, null, 'network cut by the test')) : real.listen(token, onPoke, onOpen, signal)),
    };
  };
  return { cut, transport, pushesTried };
}

const finish = (core: Core, callId: string, notes: string) =>
  call(core, 'call.finish', { callId, disposition: 'no_answer', answers: {}, notes, satisfaction: null, nps: null, rescheduleAt: null });

describe('working offline', () => {
  it('keeps what was saved offline, shows it as pending, and sends it when the hub is back', async () => {
    const { tasks } = await hub().seed('ann', 1);
    const network = cuttableNetwork();
    const ann = await signedIn('ann', tempDir(), { hubTransport: network.transport });
    network.cut.all = true;
    const callId = uuidv7();
    await call(ann, 'call.start', { taskId: tasks[0]!, callId, noteId: uuidv7() });
    await finish(ann, callId, '离线时记录：客户满意');
    const offline = await until(() => call(ann, 'sync.status', {}), (status) => status.state === 'offline');
    expect(offline).toMatchObject({ state: 'offline', pending: 2, lastError: expect.stringContaining('network cut') });
    expect(offline.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);

    network.cut.all = false;
    await call(ann, 'sync.now', {});
    const online = await until(() => call(ann, 'sync.status', {}), (status) => status.state === 'online' && status.pending === 0);
    expect(online).toMatchObject({ state: 'online', pending: 0, rejections: [] });
    const task = await hub().hub.pool.query("SELECT data->>'status' AS status FROM entities WHERE kind = 'callback_tasks' AND id = $1", [tasks[0]]);
    expect(task.rows[0].status).toBe('retry');
    ann.close();
  });

  it('lets notes typed while the hub is away wait for the planned retry instead of trying the network on every save', async () => {
    const { tasks } = await hub().seed('ann', 1);
    const network = cuttableNetwork();
    const ann = await signedIn('ann', tempDir(), { hubTransport: network.transport });
    network.cut.all = true;
    const note = { callId: uuidv7(), noteId: uuidv7() };
    await call(ann, 'call.start', { taskId: tasks[0]!, ...note });
    const offline = await until(() => call(ann, 'sync.status', {}), (status) => status.state === 'offline');
    const retryAt = offline.nextAttemptAt!;
    const triedBefore = network.pushesTried.length;
    for (let i = 1; i <= 10; i++) await call(ann, 'note.save', { ...note, body: `离线第${i}稿` });
    // Every save is kept and counted; none of them tried the network before the planned retry.
    expect((await call(ann, 'sync.status', {})).pending).toBe(11);
    expect(network.pushesTried.slice(triedBefore).filter((at) => at < retryAt)).toEqual([]);

    // 同步 goes at once, and everything typed arrives.
    network.cut.all = false;
    await call(ann, 'sync.now', {});
    await until(() => call(ann, 'sync.status', {}), (status) => status.state === 'online' && status.pending === 0);
    const onHub = await hub().hub.pool.query("SELECT data->>'body' AS body FROM entities WHERE kind = 'notes' AND id = $1", [note.noteId]);
    expect(onHub.rows[0].body).toBe('离线第10稿');
    ann.close();
  });

  it('never hides an unacknowledged local edit behind a pull (pending mutations are re-applied on top)', async () => {
    const h = hub();
    const { tasks } = await h.seed('ann', 1);
    const network = cuttableNetwork();
    const ann = await signedIn('ann', tempDir(), { hubTransport: network.transport });
    network.cut.push = true;
    const callId = uuidv7();
    await call(ann, 'call.start', { taskId: tasks[0]!, callId, noteId: uuidv7() });
    await finish(ann, callId, '已完成回访');
    // Meanwhile the hub changes the same task (a lead raised its priority).
    const adminSeq = Number((await h.hub.pool.query('SELECT last_mutation_seq FROM clients WHERE id = $1', [h.admin.clientId])).rows[0].last_mutation_seq);
    await pushAs(h.url, h.admin, adminSeq, [{ name: 'planning.run', changes: [{ t: 'callback_tasks', id: tasks[0]!, op: 'upd', f: { priority: 1 }, o: { priority: 3 } }] }]);
    await call(ann, 'sync.now', {});
    await until(() => ann.db.prepare('SELECT priority FROM callback_tasks WHERE id = ?').get(tasks[0]) as { priority: number }, (row) => row.priority === 1);
    const local = ann.db.prepare('SELECT status, priority FROM callback_tasks WHERE id = ?').get(tasks[0]);
    expect(local).toEqual({ status: 'retry', priority: 1 });
    network.cut.push = false;
    await call(ann, 'sync.now', {});
    await until(() => call(ann, 'sync.status', {}), (status) => status.pending === 0);
    const merged = await h.hub.pool.query("SELECT data->>'status' AS status, data->>'priority' AS priority FROM entities WHERE kind = 'callback_tasks' AND id = $1", [tasks[0]]);
    expect(merged.rows[0]).toEqual({ status: 'retry', priority: '1' });
    ann.close();
  });

  it("shows a mutation the hub refused, with what was typed, and removes the task that was reassigned meanwhile", async () => {
    const h = hub();
    const { tasks } = await h.seed('ann', 1);
    const network = cuttableNetwork();
    const ann = await signedIn('ann', tempDir(), { hubTransport: network.transport });
    network.cut.all = true;
    const callId = uuidv7();
    await call(ann, 'call.start', { taskId: tasks[0]!, callId, noteId: uuidv7() });
    await finish(ann, callId, '客户要求下周上门');
    // While Ann was offline, her lead gave the task to Bo.
    const lead = await login(h.url, 'lead', PASSWORD);
    await pushAs(h.url, lead, 0, [{ name: 'task.assign', changes: [{ t: 'callback_tasks', id: tasks[0]!, op: 'upd', f: { assigned_agent_id: h.userId.bo }, o: { assigned_agent_id: h.userId.ann } }] }]);
    network.cut.all = false;
    await call(ann, 'sync.now', {});
    const status = await until(() => call(ann, 'sync.status', {}), (s) => s.rejections.length > 0 && s.pending === 0);
    // The call on a task that is no longer hers is refused; so is finishing it, with what she typed kept.
    expect(status.rejections.find((rejection) => rejection.name === 'call.start')).toMatchObject({ code: 'forbidden' });
    const rejected = status.rejections.find((rejection) => rejection.name === 'call.finish');
    expect(rejected).toMatchObject({ args: expect.objectContaining({ notes: '客户要求下周上门' }) });
    await until(() => ann.db.prepare('SELECT 1 FROM callback_tasks WHERE id = ?').get(tasks[0]), (row) => row === undefined);
    expect(ann.db.prepare('SELECT 1 FROM callback_tasks WHERE id = ?').get(tasks[0])).toBeUndefined();
    const dismissed = await call(ann, 'sync.dismissRejection', { mutationId: rejected!.mutationId });
    expect(dismissed.rejections.map((r) => r.mutationId)).not.toContain(rejected!.mutationId);
    ann.close();
  });

  it("refuses to sign in as someone else while the previous user's work is still pending", async () => {
    const { tasks } = await hub().seed('ann', 1);
    const network = cuttableNetwork();
    const dir = tempDir();
    const ann = await signedIn('ann', dir, { hubTransport: network.transport });
    network.cut.all = true;
    await call(ann, 'call.start', { taskId: tasks[0]!, callId: uuidv7(), noteId: uuidv7() });
    await call(ann, 'sync.signOut', {});
    network.cut.all = false;
    const result = await ann.dispatch('sync.signIn', { hubUrl: hub().url, username: 'bo', password: PASSWORD });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('sign in as ann') } });
    // Signing back in as Ann sends it.
    await call(ann, 'sync.signIn', { hubUrl: hub().url, username: 'ann', password: PASSWORD });
    expect((await until(() => call(ann, 'sync.status', {}), (s) => s.pending === 0)).pending).toBe(0);
    ann.close();
  });

  it('says "update required" when the hub no longer serves its protocol, and keeps the work', async () => {
    await hub().seed('ann', 1);
    let old = false;
    const transport = (url: string): HubTransport => {
      const real = httpTransport(url);
      return {
        post: (path, body, token, parse) => real.post(path, old && body && typeof body === 'object' ? { ...body, protocolVersion: 1 } : body, token, parse),
        listen: real.listen,
      };
    };
    const ann = await signedIn('ann', tempDir(), { hubTransport: transport });
    old = true;
    await call(ann, 'sync.now', {});
    const status = await until(() => call(ann, 'sync.status', {}), (s) => s.state === 'update_required');
    expect(status.state).toBe('update_required');
    ann.close();
  });

  it('rejects a wrong password and an unreachable hub with clear errors, changing nothing', async () => {
    const core = startCore(tempDir());
    core.ensureDemoWorkspace();
    const wrong = await core.dispatch('sync.signIn', { hubUrl: hub().url, username: 'ann', password: 'nope-nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'wrong username or password' } });
    const away = await core.dispatch('sync.signIn', { hubUrl: 'http://127.0.0.1:9', username: 'ann', password: PASSWORD });
    expect(away).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot be reached') } });
    expect((await call(core, 'sync.status', {})).state).toBe('standalone');
    const counts = await call(core, 'queue.counts', { filter: {} });
    expect(counts.overdue + counts.today + counts.upcoming).toBeGreaterThan(0);
    core.close();
  });
});

describe('joining a hub', () => {
  it('keeps a copy of the standalone file, replaces its data with the hub\'s, and numbers its mutations afresh', async () => {
    const { tasks } = await hub().seed('bo', 1);
    const dir = tempDir();
    const core = startCore(dir, { now: () => Date.now() });
    core.ensureDemoWorkspace();
    await call(core, 'settings.update', { doNotDisturb: false });
    const demoTasks = (core.db.prepare('SELECT count(*) AS n FROM callback_tasks').get() as { n: number }).n;
    expect(demoTasks).toBeGreaterThan(100);
    await call(core, 'sync.signIn', { hubUrl: hub().url, username: 'bo', password: PASSWORD });
    const copies = readdirSync(dir).filter((name) => name.startsWith('carecall.before-hub-'));
    expect(copies).toHaveLength(1);
    const hubTasks = (await hub().hub.pool.query("SELECT id FROM entities WHERE kind = 'callback_tasks' AND owner_id = $1 AND NOT deleted", [hub().userId.bo])).rows;
    const local = core.db.prepare('SELECT id FROM callback_tasks').all() as { id: string }[];
    expect(local.map((row) => row.id).sort()).toEqual(hubTasks.map((row) => row.id).sort());
    await call(core, 'call.start', { taskId: tasks[0]!, callId: uuidv7(), noteId: uuidv7() });
    const status = await until(() => call(core, 'sync.status', {}), (s) => s.pending === 0 && s.state === 'online');
    expect(status).toMatchObject({ pending: 0, state: 'online', rejections: [] });
    core.close();
  });
});
