// The seeds' rules on real issues in a real store: which clock each deadline runs on and where it
// comes from, the follow-up for a dissatisfied customer, field-service steps, the 002/000/004 time
// rules, and malicious complaints handed to legal.
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ApiInput } from '../../src/shared/api/contract';
import type { Alert } from '../../src/shared/api/alert-contract';
import { fakeTimers } from '../support/fake-timers';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

const shanghai = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

async function demo(clock: ReturnType<typeof manualClock>, options: { watch?: boolean } = {}) {
  const timers = fakeTimers(clock);
  core = startCore(tempDir(), clock, undefined, options.watch ? { watch: true, timers: timers.timers } : {});
  const fired: Alert[] = [];
  core.on('alerts.fired', ({ alerts }) => fired.push(...alerts.filter((a) => a.subject === 'ticket')));
  await call(core, 'workspace.createDemo', {});
  const customerId = (core.db.prepare('SELECT id FROM customers LIMIT 1').get() as { id: string }).id;
  return { core, timers, fired, customerId };
}

function input(customerId: string, over: Partial<ApiInput<'ticket.create'>> = {}): ApiInput<'ticket.create'> {
  return {
    ticketId: uuidv7(), kind: 'complaint', customerId, purchaseId: null, callId: null, channel: 'hotline', scenario: 'service_complaint',
    category: 'staff_attitude', demand: 'apology', severity: 'general', symptom: '师傅上门态度很差', ownerAgentId: null, department: '', ...over,
  };
}

function signInAs(c: Core, role: 'lead' | 'agent'): void {
  const agent = c.db.prepare('SELECT id FROM agents WHERE role = ? ORDER BY name LIMIT 1').get(role) as { id: string };
  c.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(agent.id);
}

async function usePreset(c: Core, preset: '000' | '001' | '002' | '004'): Promise<void> {
  const me = (c.db.prepare("SELECT value FROM settings WHERE key = 'current_agent_id'").get() as { value: string }).value;
  signInAs(c, 'lead');
  await call(c, 'sla.setPreset', { preset });
  c.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(me);
}

async function walkToExecuted(c: Core, ticketId: string): Promise<void> {
  await call(c, 'ticket.transition', { ticketId, action: 'respond' });
  await call(c, 'ticket.transition', { ticketId, action: 'propose_solution', solution: '更换主板' });
  const me = (c.db.prepare("SELECT value FROM settings WHERE key = 'current_agent_id'").get() as { value: string }).value;
  signInAs(c, 'lead');
  await call(c, 'ticket.approve', { ticketId, approve: true });
  c.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(me);
  await call(c, 'ticket.transition', { ticketId, action: 'execute' });
}

describe('which clock each deadline runs on, and where it comes from', () => {
  it('seed 000: a general complaint registered Wed 2026-12-02 21:50 is due Thu 21:50 (calendar time, "24小时内响应") and resolved within the goal "处理时长≤48小时", not 无时限', async () => {
    const { core, customerId } = await demo(manualClock(shanghai('2026-12-02 21:50')));
    const ticket = await call(core, 'ticket.create', input(customerId));
    expect(ticket.response).toMatchObject({ dueAt: shanghai('2026-12-03 21:50'), clock: 'calendar', source: { seed: '000', rule: { 'zh-CN': '一般问题：24小时内响应' } } });
    expect(ticket.resolution).toMatchObject({ dueAt: shanghai('2026-12-04 21:50'), state: 'running', clock: 'calendar', source: { seed: '000' } });
    expect(ticket.resolutionFromGoal).toBe(true);
    const options = await call(core, 'ticket.options', {});
    expect(options.severities.find((s) => s.key === 'general')).toMatchObject({ response: { minutes: 1440, clock: 'calendar' }, resolution: { minutes: 2880 }, resolutionFromGoal: true });
    const list = await call(core, 'ticket.list', { scope: 'all', state: 'open', offset: 0, limit: 5 });
    expect(list.rows[0]!.response.clock).toBe('calendar');
  });
});

describe('escalation', () => {
  it('seed 000 "重大问题由售后主管牵头": a major issue involves the supervisor from registration', async () => {
    const { core, customerId } = await demo(manualClock(shanghai('2026-03-06 17:00')));
    const major = await call(core, 'ticket.create', input(customerId, { kind: 'service_request', scenario: 'fault_repair', severity: 'major' }));
    expect(major.escalations).toEqual([expect.objectContaining({ level: 1, role: 'lead', reason: 'urgent_registration', doneAt: null })]);
  });

  it('seed 001 "三级回访": a dissatisfied customer gets specialist 1 h, supervisor 24 h, senior 48 h under 000 and 002 alike, replacing a ladder started at registration', async () => {
    const clock = manualClock(shanghai('2026-03-06 17:00'));
    const { core, customerId } = await demo(clock);
    for (const preset of ['000', '002'] as const) {
      await usePreset(core, preset);
      const ticket = await call(core, 'ticket.create', input(customerId, { severity: preset === '000' ? 'major' : 'urgent' }));
      expect(ticket.escalations.length).toBeGreaterThan(0);
      await walkToExecuted(core, ticket.id);
      await call(core, 'ticket.transition', { ticketId: ticket.id, action: 'confirm' });
      clock.advance(HOUR);
      const unhappy = await call(core, 'ticket.transition', { ticketId: ticket.id, action: 'close', closingRating: 'dissatisfied', progress: '客户不接受' });
      const at = clock.now();
      expect(unhappy.escalations.map((e) => [e.level, e.role, e.reason, e.dueAt - at, e.doneAt]), preset).toEqual([
        [1, 'agent', 'dissatisfied', HOUR, null],
        [2, 'lead', 'dissatisfied', 24 * HOUR, null],
        [3, 'manager', 'dissatisfied', 48 * HOUR, null],
      ]);
    }
  });
});

describe('field-service progress (seed 001: 已出發, 檢修中, 待備件)', () => {
  it('records departed, on site and waiting for parts as progress the customer is told; seed 004\'s "2小时内现场处理" stops at arrival, not at execution', async () => {
    const clock = manualClock(shanghai('2026-03-07 03:00'));
    const { core, customerId } = await demo(clock);
    await usePreset(core, '004');
    const ticket = await call(core, 'ticket.create', input(customerId, { kind: 'service_request', scenario: 'emergency', severity: 'critical', demand: 'repair' }));
    expect(ticket.rules.find((r) => r.key === 'on_site')).toMatchObject({ dueAt: ticket.registeredAt + 2 * HOUR, clock: 'calendar', source: { seed: '004' } });
    expect((await call(core, 'ticket.get', { ticketId: ticket.id })).steps).toEqual(expect.arrayContaining(['departed', 'on_site', 'waiting_parts']));
    clock.advance(20 * MINUTE);
    await call(core, 'ticket.recordStep', { ticketId: ticket.id, entryId: uuidv7(), step: 'departed', body: '工程师已出发，预计 1 小时到达' });
    clock.advance(70 * MINUTE);
    const arrived = await call(core, 'ticket.recordStep', { ticketId: ticket.id, entryId: uuidv7(), step: 'on_site' });
    clock.advance(10 * MINUTE);
    await call(core, 'ticket.recordStep', { ticketId: ticket.id, entryId: uuidv7(), step: 'waiting_parts', body: '主板需从仓库调货' });
    expect(arrived.rules.find((r) => r.key === 'on_site')).toMatchObject({ state: 'met', stoppedAt: ticket.registeredAt + 90 * MINUTE });
    const { timeline, ticket: now } = await call(core, 'ticket.get', { ticketId: ticket.id });
    const steps = timeline.filter((e) => typeof e.data.step === 'string');
    expect(steps.map((e) => [e.kind, e.data.step])).toEqual([
      ['progress', 'departed'],
      ['progress', 'on_site'],
      ['progress', 'waiting_parts'],
    ]);
    expect(steps[0]!.body).toBe('工程师已出发，预计 1 小时到达');
    expect(now.steps.map((s) => s.step)).toEqual(['departed', 'on_site', 'waiting_parts']);

    // Without an arrival, executing the solution does not stop the on-site clock.
    const other = await call(core, 'ticket.create', input(customerId, { kind: 'service_request', scenario: 'emergency', severity: 'critical', demand: 'repair' }));
    await call(core, 'ticket.transition', { ticketId: other.id, action: 'respond' });
    await call(core, 'ticket.transition', { ticketId: other.id, action: 'propose_solution', solution: '远程断电' });
    const executed = await call(core, 'ticket.transition', { ticketId: other.id, action: 'execute' });
    expect(executed.rules.find((r) => r.key === 'on_site')).toMatchObject({ state: 'running', stoppedAt: null });
  });
});

describe('seed 002\'s two one-hour rules, seed 000\'s 24 h feedback, seed 004\'s complaint and return/exchange rules', () => {
  it('seed 002 "接收投诉后，1小时内完成登记": the time received is recorded, the gap measured and flagged over 1 h; a future time is refused and changes nothing', async () => {
    const clock = manualClock(shanghai('2026-03-09 10:00'));
    const { core, customerId } = await demo(clock);
    await usePreset(core, '002');
    const late = await call(core, 'ticket.create', input(customerId, { receivedAt: clock.now() - 90 * MINUTE }));
    expect(late.receivedAt).toBe(clock.now() - 90 * MINUTE);
    expect(late.rules.find((r) => r.key === 'intake')).toMatchObject({ state: 'breached', startedAt: late.receivedAt, stoppedAt: late.registeredAt, remainingMs: -30 * MINUTE });
    const onTime = await call(core, 'ticket.create', input(customerId));
    expect(onTime).toMatchObject({ receivedAt: onTime.registeredAt });
    expect(onTime.rules.find((r) => r.key === 'intake')?.state).toBe('met');
    const before = (core.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    expect(await core.dispatch('ticket.create', input(customerId, { receivedAt: clock.now() + MINUTE }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { receivedAt: 'received_in_future' } },
    });
    expect((core.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(before);
  });

  it('seed 002 "执行后1小时内通知客户": a clock from execution with an alert from the SLA watcher, stopped by the customer-told step', async () => {
    const clock = manualClock(shanghai('2026-03-09 10:00'));
    const { core, customerId, timers, fired } = await demo(clock, { watch: true });
    await usePreset(core, '002');
    const told = await call(core, 'ticket.create', input(customerId));
    const silent = await call(core, 'ticket.create', input(customerId));
    expect(await core.dispatch('ticket.recordStep', { ticketId: told.id, entryId: uuidv7(), step: 'customer_told' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { step: 'not_executed' } },
    });
    await walkToExecuted(core, told.id);
    await walkToExecuted(core, silent.id);
    const executedAt = clock.now();
    const running = (await call(core, 'ticket.get', { ticketId: silent.id })).ticket.rules.find((r) => r.key === 'customer_told');
    expect(running).toMatchObject({ state: 'running', dueAt: executedAt + HOUR, source: { seed: '002' } });
    clock.advance(30 * MINUTE);
    const after = await call(core, 'ticket.recordStep', { ticketId: told.id, entryId: uuidv7(), step: 'customer_told', body: '已电话告知：主板已更换' });
    expect(after.rules.find((r) => r.key === 'customer_told')).toMatchObject({ state: 'met' });
    timers.runUntil(executedAt + 2 * HOUR);
    const breaches = fired.filter((a) => a.target === 'rule' && a.kind === 'breach');
    expect(breaches.map((a) => [a.subjectId, a.thresholdId, a.dueAt])).toEqual([[silent.id, 'general/rule:customer_told:breach', executedAt + HOUR]]);
  });

  it('seed 000 "问题解决后，24小时内将处理结果反馈给客户": due 24 h after execution', async () => {
    const clock = manualClock(shanghai('2026-03-09 10:00'));
    const { core, customerId } = await demo(clock);
    const ticket = await call(core, 'ticket.create', input(customerId));
    expect(ticket.rules.find((r) => r.key === 'result_feedback')).toMatchObject({ state: 'none', startedAt: null });
    await walkToExecuted(core, ticket.id);
    const { ticket: executed, steps } = await call(core, 'ticket.get', { ticketId: ticket.id });
    expect(executed.rules.find((r) => r.key === 'result_feedback')).toMatchObject({ state: 'running', dueAt: executed.resolvedAt! + 24 * HOUR });
    expect(steps).toContain('customer_told');
  });

  it('seed 004 "服务主管介入，1小时内联系客户致歉": a supervisor\'s step, refused from an agent', async () => {
    const clock = manualClock(shanghai('2026-03-09 10:00'));
    const { core, customerId } = await demo(clock);
    await usePreset(core, '004');
    const complaint = await call(core, 'ticket.create', input(customerId));
    expect(complaint.rules.find((r) => r.key === 'supervisor_contact')).toMatchObject({ dueAt: complaint.registeredAt + HOUR, state: 'running' });
    expect((await call(core, 'ticket.get', { ticketId: complaint.id })).steps).not.toContain('supervisor_contacted');
    expect(await core.dispatch('ticket.recordStep', { ticketId: complaint.id, entryId: uuidv7(), step: 'supervisor_contacted' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    signInAs(core, 'lead');
    expect((await call(core, 'ticket.get', { ticketId: complaint.id })).steps).toContain('supervisor_contacted');
    clock.advance(40 * MINUTE);
    const contacted = await call(core, 'ticket.recordStep', { ticketId: complaint.id, entryId: uuidv7(), step: 'supervisor_contacted', body: '主管已致电致歉' });
    expect(contacted.rules.find((r) => r.key === 'supervisor_contact')?.state).toBe('met');
  });

  it('seed 004 "1个工作日内安排物流取件，3个工作日内完成退款/换货": working days for a return or exchange', async () => {
    const clock = manualClock(shanghai('2026-03-06 17:00'));
    const { core, customerId } = await demo(clock);
    await usePreset(core, '004');
    const ret = await call(core, 'ticket.create', input(customerId, { kind: 'service_request', scenario: 'return_exchange', demand: 'exchange' }));
    expect(ret.rules.map((r) => [r.key, r.clock, r.dueAt])).toEqual([
      ['pickup', 'working', shanghai('2026-03-09 18:00')],
      ['refund_exchange', 'working', shanghai('2026-03-11 18:00')],
    ]);
    clock.set(shanghai('2026-03-09 11:00'));
    const picked = await call(core, 'ticket.recordStep', { ticketId: ret.id, entryId: uuidv7(), step: 'picked_up' });
    expect(picked.rules.map((r) => r.state)).toEqual(['met', 'running']);
    const repair = await call(core, 'ticket.create', input(customerId, { kind: 'service_request', scenario: 'fault_repair', demand: 'repair' }));
    expect(await core.dispatch('ticket.recordStep', { ticketId: repair.id, entryId: uuidv7(), step: 'picked_up' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { step: 'not_return_exchange' } },
    });
  });
});

describe('malicious complaints (seed 001: 惡意投訴快速取證並法務介入)', () => {
  it('a lead hands a complaint to legal with a reason: evidence frozen, no more clocks, alerts or escalation; agents cannot', async () => {
    const clock = manualClock(shanghai('2026-03-09 10:00'));
    const { core, customerId, timers, fired } = await demo(clock, { watch: true });
    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
    const task = await call(core, 'task.open', { taskId: rows[0]!.taskId });
    const draft = await call(core, 'call.start', { callId: uuidv7(), taskId: task.task.id, noteId: uuidv7() });
    const complaint = await call(core, 'ticket.create', input(task.task.customerId, { severity: 'urgent', callId: draft.callId }));
    expect(complaint.escalations[0]?.doneAt).toBeNull();
    expect((await call(core, 'ticket.get', { ticketId: complaint.id })).actions).not.toContain('legal_hold');
    expect(await core.dispatch('ticket.transition', { ticketId: complaint.id, action: 'legal_hold', reason: '恶意投诉' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', fields: { action: 'lead_only' } },
    });
    signInAs(core, 'lead');
    expect((await call(core, 'ticket.get', { ticketId: complaint.id })).actions).toContain('legal_hold');
    expect(await core.dispatch('ticket.transition', { ticketId: complaint.id, action: 'legal_hold' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { reason: expect.any(String) } } });
    const held = await call(core, 'ticket.transition', { ticketId: complaint.id, action: 'legal_hold', reason: '多次以曝光相威胁索要高额赔偿，录音已保全' });
    expect(held).toMatchObject({ status: 'legal_hold', legalHoldAt: clock.now(), legalHoldReason: '多次以曝光相威胁索要高额赔偿，录音已保全', legalHoldBy: expect.any(String) });
    expect(held.response.state).toBe('none');
    expect(held.rules).toEqual([]);
    expect(held.escalations.every((e) => e.doneAt !== null)).toBe(true);

    const events = (core.db.prepare('SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ?').get(complaint.id) as { n: number }).n;
    const frozen = { ok: false, error: { code: 'conflict', fields: { ticketId: 'evidence_frozen' } } };
    expect(await core.dispatch('ticket.addEntry', { ticketId: complaint.id, entryId: uuidv7(), kind: 'internal_note', body: '补一句' })).toMatchObject(frozen);
    expect(await core.dispatch('ticket.transition', { ticketId: complaint.id, action: 'void', reason: '撤销' })).toMatchObject(frozen);
    expect(await core.dispatch('ticket.recordStep', { ticketId: complaint.id, entryId: uuidv7(), step: 'departed' })).toMatchObject(frozen);
    expect(await core.dispatch('ticket.setSeverity', { ticketId: complaint.id, severity: 'general' })).toMatchObject(frozen);
    expect(await core.dispatch('note.save', { noteId: draft.noteId, callId: draft.callId, body: '改写通话备注' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { callId: 'evidence_frozen' } },
    });
    expect(await core.dispatch('call.finish', { callId: draft.callId, disposition: 'completed', answers: {}, notes: '改写', satisfaction: null, nps: null, rescheduleAt: null })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { callId: 'evidence_frozen' } },
    });
    expect((core.db.prepare('SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ?').get(complaint.id) as { n: number }).n).toBe(events);
    expect((await call(core, 'ticket.get', { ticketId: complaint.id })).steps).toEqual([]);

    // Its 2 h response would have breached and escalated: nothing fires for it.
    timers.runUntil(clock.now() + 6 * HOUR);
    expect(fired.filter((a) => a.subjectId === complaint.id && a.firedAt > held.legalHoldAt!)).toEqual([]);
    const service = await call(core, 'ticket.create', input(customerId, { kind: 'service_request', scenario: 'fault_repair' }));
    expect(await core.dispatch('ticket.transition', { ticketId: service.id, action: 'legal_hold', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
