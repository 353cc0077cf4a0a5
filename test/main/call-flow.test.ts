import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { OutboxRepository } from '../../src/main/db/repositories/outbox-repository';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, REPO_ROOT, startCore } from '../support/test-core';

const tempDir = useTempDirs();
// The fixture scripts folder holds one script, for routine_early, with a busy branch and a problem branch.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
const HOUR = 3_600_000;

async function demoCore(clock = manualClock()) {
  const core = startCore(tempDir(), clock, FIXTURES);
  await call(core, 'workspace.createDemo', {});
  return { core, clock };
}

async function firstTask(core: Core, type = 'routine_early'): Promise<QueueRow> {
  const page = await call(core, 'queue.list', { filter: { types: [type] }, offset: 0, limit: 1 });
  return page.rows[0]!;
}

async function startCall(core: Core, taskId: string) {
  return call(core, 'call.start', { callId: uuidv7(), taskId, noteId: uuidv7() });
}

const outboxNames = (core: Core) => new OutboxRepository(core.db).list().map((e) => e.name);

describe('a callback from start to finish', () => {
  it('finishes a completed call in one mutation: call, answers, scores, notes and task state', async () => {
    const { core } = await demoCore();
    const row = await firstTask(core);
    const opened = await call(core, 'task.open', { taskId: row.taskId });
    expect(opened.script?.id).toBe('branching');
    expect(opened.draft).toBeNull();
    const draft = await startCall(core, row.taskId);
    await call(core, 'note.save', { noteId: draft.noteId, callId: draft.callId, body: '客户说夜间有异响' });
    const answers = { identity: 'confirmed', product_stable: false, problem: '夜间异响', satisfaction: 7, nps: 8 };
    const before = outboxNames(core).length;
    const done = await call(core, 'call.finish', {
      callId: draft.callId,
      disposition: 'completed',
      answers,
      notes: '客户说夜间有异响，已建议开启静音模式',
      satisfaction: 7,
      nps: 8,
      rescheduleAt: null,
    });
    expect(outboxNames(core).slice(before)).toEqual(['call.finish']);
    expect(done.task.status).toBe('completed');
    expect(done.task.attempts).toBe(row.attempts + 1);
    expect(done.call).toMatchObject({ disposition: 'completed', satisfaction: 7, nps: 8, answers, scriptId: 'branching', scriptVersion: 2 });
    const history = await call(core, 'customer.get', { customerId: row.customerId });
    expect(history.calls[0]).toMatchObject({ id: draft.callId, notes: '客户说夜间有异响，已建议开启静音模式', answers });
    // Finished work leaves the queue.
    const again = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 500 });
    expect(again.rows.some((r) => r.taskId === row.taskId)).toBe(false);
    core.close();
  });

  it('resumes an unfinished call with its notes and answers after a restart', async () => {
    const dir = tempDir();
    const clock = manualClock();
    let core = startCore(dir, clock, FIXTURES);
    await call(core, 'workspace.createDemo', {});
    const row = await firstTask(core);
    const draft = await startCall(core, row.taskId);
    await call(core, 'call.saveAnswers', { callId: draft.callId, answers: { identity: 'confirmed' } });
    await call(core, 'note.save', { noteId: draft.noteId, callId: draft.callId, body: '第一段笔记' });
    core.close();
    core = startCore(dir, clock, FIXTURES);
    const opened = await call(core, 'task.open', { taskId: row.taskId });
    expect(opened.draft).toEqual({ ...draft, notes: '第一段笔记', answers: { identity: 'confirmed' } });
    // Starting again returns the same call instead of a second one.
    expect((await startCall(core, row.taskId)).callId).toBe(draft.callId);
    core.close();
  });

  it('reschedules a busy customer to the agreed time', async () => {
    const { core, clock } = await demoCore();
    const row = await firstTask(core);
    const draft = await startCall(core, row.taskId);
    const { slots } = await call(core, 'call.suggestSlots', { taskId: row.taskId });
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s > clock.now())).toBe(true);
    const done = await call(core, 'call.finish', {
      callId: draft.callId, disposition: 'customer_busy', answers: { identity: 'busy' }, notes: '', satisfaction: null, nps: null, rescheduleAt: slots[0],
    });
    expect(done.task).toMatchObject({ status: 'rescheduled', dueStart: slots[0], lastDisposition: 'customer_busy' });
    core.close();
  });

  it('retries after no answer and gives up after three attempts', async () => {
    const { core, clock } = await demoCore();
    const row = await firstTask(core);
    expect(row.attempts).toBe(0);
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const draft = await startCall(core, row.taskId);
      const done = await call(core, 'call.finish', {
        callId: draft.callId, disposition: 'no_answer', answers: {}, notes: '', satisfaction: null, nps: null, rescheduleAt: null,
      });
      statuses.push(done.task.status);
      if (i === 0) expect(done.task.dueStart).toBe(clock.now() + 2 * HOUR);
      clock.advance(3 * HOUR);
    }
    expect(statuses).toEqual(['retry', 'retry', 'unreachable']);
    core.close();
  });

  it('refuses outcomes that contradict the script or themselves, and changes nothing', async () => {
    const { core, clock } = await demoCore();
    const row = await firstTask(core);
    const draft = await startCall(core, row.taskId);
    const outboxBefore = outboxNames(core).length;
    const attempt = (over: Record<string, unknown>) =>
      core.dispatch('call.finish', {
        callId: draft.callId, disposition: 'completed', answers: { identity: 'confirmed', product_stable: true, satisfaction: 9, nps: 9 },
        notes: '', satisfaction: 9, nps: 9, rescheduleAt: null, ...over,
      });
    const cases: [Record<string, unknown>, string][] = [
      [{ answers: { identity: 'confirmed', product_stable: true, satisfaction: 11, nps: 9 } }, 'answers.satisfaction'],
      [{ answers: { identity: 'confirmed', product_stable: true } }, 'answers.satisfaction'],
      [{ satisfaction: 3 }, 'satisfaction'],
      [{ disposition: 'customer_busy', rescheduleAt: null }, 'rescheduleAt'],
      [{ disposition: 'customer_busy', rescheduleAt: clock.now() - 1 }, 'rescheduleAt'],
      [{ disposition: 'hung_up' }, 'disposition'],
      [{ notes: 'x'.repeat(20001) }, 'notes'],
      [{ surprise: true }, '(input)'],
    ];
    for (const [over, field] of cases) {
      const result = await attempt(over);
      expect(result.ok, JSON.stringify(over).slice(0, 80)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_input');
      expect(Object.keys(result.error.fields ?? {})).toContain(field);
    }
    expect(outboxNames(core).length).toBe(outboxBefore);
    expect((await call(core, 'task.open', { taskId: row.taskId })).task.status).toBe(row.status);
    core.close();
  });

  it('answers unknown ids, unknown calls and finished calls with typed errors', async () => {
    const { core } = await demoCore();
    const missing = await core.dispatch('task.open', { taskId: uuidv7() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('task.open', { taskId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatch('drop.tables', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await core.dispatch('queue.list', 'garbage')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const row = await firstTask(core);
    const draft = await startCall(core, row.taskId);
    const finish = { callId: draft.callId, disposition: 'refused', answers: {}, notes: '', satisfaction: null, nps: null, rescheduleAt: null };
    expect((await core.dispatch('call.finish', finish)).ok).toBe(true);
    expect(await core.dispatch('call.finish', finish)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    core.close();
  });
});

describe('every user edit is a named mutation in the outbox', () => {
  it('writes one outbox row per edit, in order', async () => {
    const { core } = await demoCore();
    const row = await firstTask(core);
    const draft = await startCall(core, row.taskId);
    await call(core, 'call.saveAnswers', { callId: draft.callId, answers: { identity: 'confirmed' } });
    await call(core, 'note.save', { noteId: draft.noteId, callId: draft.callId, body: 'a' });
    await call(core, 'note.save', { noteId: draft.noteId, callId: draft.callId, body: 'ab' });
    await call(core, 'settings.update', { locale: 'en' });
    expect(outboxNames(core)).toEqual(['workspace.createDemo', 'call.start', 'call.saveAnswers', 'note.save', 'note.save', 'settings.update']);
    expect((await call(core, 'outbox.stats', {})).pending).toBe(6);
    core.close();
  });

  it('creates an empty workspace with the named agent, once', async () => {
    const core = startCore(tempDir());
    const bad = await core.dispatch('workspace.createEmpty', { agentName: '', employeeNo: 'CS1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { agentName: expect.any(String) } } });
    const agent = await call(core, 'workspace.createEmpty', { agentName: '赵敏', employeeNo: 'CS2001' });
    expect((await call(core, 'session.get', {})).agent).toEqual(agent);
    expect((await call(core, 'queue.counts', { filter: {} }))).toEqual({ overdue: 0, today: 0, upcoming: 0 });
    expect(await core.dispatch('workspace.createDemo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    core.close();
  });
});
