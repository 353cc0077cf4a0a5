import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ApiInput } from '../../src/shared/api/contract';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

/** Monday 2026-11-23 10:00 in Shanghai: a working morning. */
async function demoCore(clock = manualClock()) {
  core = startCore(tempDir(), clock);
  await call(core, 'workspace.createDemo', {});
  const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
  const opened = await call(core, 'task.open', { taskId: rows[0]!.taskId });
  return { core, clock, opened };
}

function ticketInput(customerId: string, purchaseId: string | null, over: Partial<ApiInput<'ticket.create'>> = {}): ApiInput<'ticket.create'> {
  return {
    ticketId: uuidv7(), kind: 'complaint', customerId, purchaseId, callId: null, channel: 'callback', scenario: 'service_complaint',
    category: 'staff_attitude', demand: 'apology', severity: 'general', symptom: '上门师傅迟到两个小时，也没有提前打电话', ownerAgentId: null,
    department: '服务部', ...over,
  };
}

const count = (c: Core, sql: string): number => (c.db.prepare(sql).get() as { n: number }).n;

/** The demo has a lead (刘慧); approving needs one, so the test signs in as her the way a lead's desktop would be. */
function signInAsLead(c: Core): void {
  const lead = c.db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string };
  c.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead.id);
}

describe('tickets (工单)', () => {
  it('registers an issue from a call with a human number per kind and day, and its response clock running', async () => {
    const { core, opened } = await demoCore();
    const draft = await call(core, 'call.start', { callId: uuidv7(), taskId: opened.task.id, noteId: uuidv7() });
    const cp1 = await call(core, 'ticket.create', ticketInput(opened.task.customerId, opened.task.purchaseId, { callId: draft.callId }));
    const cp2 = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null));
    const sr1 = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null, { kind: 'service_request', scenario: 'fault_repair' }));
    const device = cp1.number.split('-')[1];
    expect(cp1.number).toBe(`CP20261123-${device}-001`);
    expect(cp2.number).toBe(`CP20261123-${device}-002`);
    expect(sr1.number).toBe(`SR20261123-${device}-001`);
    expect(cp1).toMatchObject({ status: 'registered', callId: draft.callId, ownerName: '王晓敏', approvalRequired: true });
    expect(cp1.product).toContain(opened.detail.purchases.find((p) => p.id === opened.task.purchaseId)?.model ?? '');
    expect(cp1.response.state).toBe('running');
    expect(cp1.response.dueAt).toBeGreaterThan(cp1.registeredAt);
    const { ticket, timeline } = await call(core, 'ticket.get', { ticketId: cp1.id });
    expect(ticket.id).toBe(cp1.id);
    expect(timeline.map((e) => e.toStatus)).toEqual(['registered']);
  });

  it('walks a complaint through its whole life: pause, solution with compensation, lead approval, close, follow-up callback', async () => {
    const { core, clock, opened } = await demoCore();
    const created = await call(core, 'ticket.create', ticketInput(opened.task.customerId, opened.task.purchaseId));
    const step = (action: ApiInput<'ticket.transition'>['action'], extra: Partial<ApiInput<'ticket.transition'>> = {}) =>
      call(core, 'ticket.transition', { ticketId: created.id, action, ...extra });

    clock.advance(HOUR / 2);
    expect((await step('respond', { progress: '已致歉，今天下班前给您答复处理方案' })).response.state).toBe('met');
    await step('start');
    clock.advance(HOUR);
    const waiting = await step('wait_customer', { progress: '请您方便时提供上门时间' });
    expect(waiting.resolution.state === 'paused' || waiting.resolution.state === 'none').toBe(true);
    clock.advance(5 * HOUR);
    await step('customer_replied');
    const proposed = await step('propose_solution', { solution: '向客户道歉并赠送一年延保', compensations: ['extended_warranty'] });
    expect(proposed).toMatchObject({ status: 'solution_proposed', approvalRequired: true, approvedBy: null });

    // Not yet approved: carrying it out is refused and nothing changes.
    const outboxBefore = count(core, 'SELECT count(*) AS n FROM outbox');
    const refused = await core.dispatch('ticket.transition', { ticketId: created.id, action: 'execute' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('lead must approve') } });
    expect(await core.dispatch('ticket.approve', { ticketId: created.id, approve: true })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(count(core, 'SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);

    signInAsLead(core);
    expect((await call(core, 'ticket.get', { ticketId: created.id })).canApprove).toBe(true);
    expect((await call(core, 'ticket.approve', { ticketId: created.id, approve: true, comment: '同意' })).approvedBy).toBe('刘慧');
    await step('execute');
    await step('confirm');
    await expect(step('close', { closingRating: 'satisfied' })).resolves.toMatchObject({ status: 'closed' });

    const { ticket, timeline } = await call(core, 'ticket.get', { ticketId: created.id });
    expect(ticket).toMatchObject({ closingRating: 'satisfied', solution: '向客户道歉并赠送一年延保', durationMs: ticket.closedAt! - ticket.registeredAt });
    expect(timeline.filter((e) => e.kind === 'status').map((e) => e.toStatus)).toEqual([
      'registered', 'responded', 'in_progress', 'waiting_customer', 'in_progress', 'solution_proposed', 'executed', 'customer_confirmed', 'closed',
    ]);
    // The post-resolution callback is in the queue, due within 3 working days, for the owner.
    const followUp = await call(core, 'task.open', { taskId: ticket.followUpTaskId! });
    expect(followUp.task).toMatchObject({ type: 'post_resolution', status: 'pending', priority: 1, customerId: opened.task.customerId });
    expect(followUp.task.dueEnd).toBeGreaterThan(ticket.closedAt!);
    expect(followUp.task.dueEnd - ticket.closedAt!).toBeLessThanOrEqual(5 * 24 * HOUR);
    expect(followUp.task.assignedAgentId).toBe(ticket.ownerAgentId);
  });

  it('keeps progress for the customer apart from internal notes in the timeline', async () => {
    const { core, opened } = await demoCore();
    const t = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null));
    await call(core, 'ticket.addEntry', { ticketId: t.id, entryId: uuidv7(), kind: 'progress', body: '已转技术部，明天12:00前给结果' });
    await call(core, 'ticket.addEntry', { ticketId: t.id, entryId: uuidv7(), kind: 'internal_note', body: '客户情绪激动，注意措辞' });
    const { timeline } = await call(core, 'ticket.get', { ticketId: t.id });
    expect(timeline.filter((e) => e.kind === 'progress').map((e) => e.body)).toEqual(['已转技术部，明天12:00前给结果']);
    expect(timeline.filter((e) => e.kind === 'internal_note').map((e) => e.body)).toEqual(['客户情绪激动，注意措辞']);
  });

  it('refuses impossible moves and bad input with a clear error, changing nothing', async () => {
    const { core, opened } = await demoCore();
    const t = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null));
    const snapshot = () => ({
      outbox: count(core, 'SELECT count(*) AS n FROM outbox'),
      events: count(core, 'SELECT count(*) AS n FROM ticket_events'),
      tickets: count(core, 'SELECT count(*) AS n FROM tickets'),
    });
    const before = snapshot();
    expect(await core.dispatch('ticket.transition', { ticketId: t.id, action: 'close', closingRating: 'satisfied', solution: 'x' })).toMatchObject({
      ok: false, error: { code: 'conflict', message: expect.stringContaining('only be closed once the customer has confirmed') },
    });
    expect(await core.dispatch('ticket.transition', { ticketId: t.id, action: 'reopen', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.dispatch('ticket.create', ticketInput(opened.task.customerId, null, { severity: 'apocalyptic' }))).toMatchObject({
      ok: false, error: { code: 'invalid_input', fields: { severity: expect.stringContaining('general') } },
    });
    expect(await core.dispatch('ticket.create', ticketInput(opened.task.customerId, null, { symptom: '   ' }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatch('ticket.create', ticketInput(uuidv7(), null))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('ticket.create', { ...ticketInput(opened.task.customerId, null), channel: 'carrier_pigeon' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatch('ticket.transition', { ticketId: t.id, action: 'void' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { reason: expect.any(String) } } });
    expect(snapshot()).toEqual(before);

    await call(core, 'ticket.transition', { ticketId: t.id, action: 'void', reason: '重复登记' });
    expect(await core.dispatch('ticket.transition', { ticketId: t.id, action: 'reopen', reason: '误操作' })).toMatchObject({
      ok: false, error: { code: 'conflict', message: expect.stringContaining('voided') },
    });
  });

  it('recomputes both targets from the registration time when the severity changes', async () => {
    const { core, clock, opened } = await demoCore();
    const t = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null, { severity: 'general' }));
    clock.advance(HOUR / 4);
    const urgent = await call(core, 'ticket.setSeverity', { ticketId: t.id, severity: 'urgent', reason: '客户反映有焦味' });
    expect(urgent.severity).toBe('urgent');
    // Urgent answers within 2 hours of registration, on the calendar clock.
    expect(urgent.response.dueAt).toBe(t.registeredAt + 2 * HOUR);
    expect(urgent.response.dueAt!).toBeLessThan(t.response.dueAt!);
    const { timeline } = await call(core, 'ticket.get', { ticketId: t.id });
    expect(timeline.find((e) => e.kind === 'severity')?.data).toMatchObject({ from: 'general', to: 'urgent' });
  });

  it('escalates an urgent issue at registration, and a dissatisfied customer at closing re-opens the work with an escalation', async () => {
    const { core, opened } = await demoCore();
    const urgent = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null, { severity: 'urgent', scenario: 'emergency' }));
    expect(urgent.escalations.length).toBeGreaterThan(0);
    expect(urgent.escalations[0]).toMatchObject({ level: 1, reason: 'urgent_registration', doneAt: null });

    const general = await call(core, 'ticket.create', ticketInput(opened.task.customerId, null, { kind: 'service_request', scenario: 'usage_question', demand: 'information' }));
    expect(general.escalations).toEqual([]);
    for (const action of ['respond', 'start'] as const) await call(core, 'ticket.transition', { ticketId: general.id, action });
    await call(core, 'ticket.transition', { ticketId: general.id, action: 'propose_solution', solution: '远程指导重置设备' });
    await call(core, 'ticket.transition', { ticketId: general.id, action: 'execute' });
    await call(core, 'ticket.transition', { ticketId: general.id, action: 'confirm' });
    const unhappy = await call(core, 'ticket.transition', { ticketId: general.id, action: 'close', closingRating: 'dissatisfied', progress: '客户仍不满意' });
    expect(unhappy).toMatchObject({ status: 'in_progress', closingRating: 'dissatisfied', closedAt: null, followUpTaskId: null });
    expect(unhappy.escalations[0]).toMatchObject({ level: 1, reason: 'dissatisfied' });
  });
});
