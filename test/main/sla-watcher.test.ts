import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { Alert } from '../../src/shared/api/alert-contract';
import { fakeTimers } from '../support/fake-timers';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

interface Fired {
  alerts: Alert[];
  notify: string[];
}

/** A core whose watcher runs on the manual clock and fake timers, collecting what it fires for tickets. */
function watchedCore(dir: string, clock: ReturnType<typeof manualClock>) {
  const timers = fakeTimers(clock);
  const core = startCore(dir, clock, undefined, { watch: true, timers: timers.timers });
  cores.push(core);
  const fired: Fired[] = [];
  core.on('alerts.fired', ({ alerts, notify }) => {
    const tickets = alerts.filter((a) => a.subject === 'ticket');
    if (tickets.length > 0) fired.push({ alerts: tickets, notify: notify.filter((id) => tickets.some((a) => a.id === id)) });
  });
  const ticketAlerts = () => fired.flatMap((f) => f.alerts);
  return { core, timers, fired, ticketAlerts };
}

async function urgentTicket(core: Core, severity = 'urgent'): Promise<{ id: string; registeredAt: number; responseDue: number }> {
  const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
  const task = await call(core, 'task.open', { taskId: rows[0]!.taskId });
  const ticket = await call(core, 'ticket.create', {
    ticketId: uuidv7(), kind: 'complaint', customerId: task.task.customerId, purchaseId: null, callId: null, channel: 'hotline',
    scenario: 'emergency', category: 'quality_fault', demand: 'repair', severity, symptom: '热水器漏水', ownerAgentId: null, department: '',
  });
  return { id: ticket.id, registeredAt: ticket.registeredAt, responseDue: ticket.response.dueAt! };
}

describe('SLA watcher', () => {
  it('fires each threshold of a ticket once, within a second of its time, in order', async () => {
    const clock = manualClock();
    const { core, timers, ticketAlerts } = watchedCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const t = await urgentTicket(core);
    // Urgent: respond within 2 hours; warnings with a quarter left (30 min) and at 15 min, then the breach.
    expect(t.responseDue).toBe(t.registeredAt + 120 * MINUTE);
    timers.runUntil(t.registeredAt + 3 * 60 * MINUTE);
    const response = ticketAlerts().filter((a) => a.target === 'response');
    expect(response.map((a) => [a.kind, a.thresholdAt - t.registeredAt])).toEqual([
      ['warning', 90 * MINUTE],
      ['warning', 105 * MINUTE],
      ['breach', 120 * MINUTE],
    ]);
    for (const a of response) expect(a.firedAt - a.thresholdAt).toBeLessThan(1000);
    // Once each, also in the store.
    const stored = await call(core, 'alerts.list', { offset: 0, limit: 200 });
    expect(stored.rows.filter((a) => a.subjectId === t.id && a.target === 'response')).toHaveLength(3);
  });

  it('never fires a threshold twice across a restart', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const first = watchedCore(dir, clock);
    await call(first.core, 'workspace.createDemo', {});
    const t = await urgentTicket(first.core);
    first.timers.runUntil(t.registeredAt + 95 * MINUTE); // past the first warning only
    expect(first.ticketAlerts().filter((a) => a.target === 'response').map((a) => a.thresholdId)).toEqual(['urgent/response:left-25pct']);
    first.core.close();
    cores.splice(cores.indexOf(first.core), 1);

    const second = watchedCore(dir, clock);
    second.timers.runUntil(t.registeredAt + 125 * MINUTE);
    expect(second.ticketAlerts().filter((a) => a.target === 'response').map((a) => a.thresholdId)).toEqual(['urgent/response:left-15m', 'urgent/response:breach']);
  });

  it('fires thresholds that passed during a 3-hour sleep once on wake, notifying only the latest', async () => {
    const clock = manualClock();
    const { core, timers, fired } = watchedCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const t = await urgentTicket(core);
    timers.runUntil(t.registeredAt + 60 * MINUTE);
    expect(fired.flatMap((f) => f.alerts).filter((a) => a.target === 'response')).toEqual([]);
    timers.sleep(3 * 60 * MINUTE);
    timers.wake();
    timers.runUntil(clock.now() + 10 * MINUTE);
    const response = fired.flatMap((f) => f.alerts).filter((a) => a.target === 'response');
    expect(response.map((a) => a.thresholdId)).toEqual(['urgent/response:left-25pct', 'urgent/response:left-15m', 'urgent/response:breach']);
    expect(new Set(response.map((a) => a.firedAt)).size).toBe(1);
    const notified = fired.flatMap((f) => f.notify);
    expect(notified).toContain(response[2]!.id);
    expect(notified).not.toContain(response[0]!.id);
    expect(notified).not.toContain(response[1]!.id);
  });

  it('reschedules when the severity changes, and escalates on a breach', async () => {
    const clock = manualClock();
    const { core, timers, ticketAlerts } = watchedCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const t = await urgentTicket(core, 'general');
    timers.runUntil(t.registeredAt + 10 * MINUTE);
    expect(ticketAlerts().filter((a) => a.target === 'response')).toEqual([]);
    await call(core, 'ticket.setSeverity', { ticketId: t.id, severity: 'urgent', reason: '有安全隐患' });
    timers.runUntil(t.registeredAt + 121 * MINUTE);
    expect(ticketAlerts().filter((a) => a.target === 'response').map((a) => a.thresholdId)).toEqual([
      'urgent/response:left-25pct',
      'urgent/response:left-15m',
      'urgent/response:breach',
    ]);
    const ticket = (await call(core, 'ticket.get', { ticketId: t.id })).ticket;
    expect(ticket.escalations.length).toBeGreaterThan(0);
  });

  it('holds back warning notifications in do-not-disturb, never a breach', async () => {
    const clock = manualClock();
    const { core, timers, fired } = watchedCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    await call(core, 'settings.update', { doNotDisturb: true });
    const t = await urgentTicket(core);
    timers.runUntil(t.registeredAt + 121 * MINUTE);
    const all = fired.flatMap((f) => f.alerts).filter((a) => a.target === 'response');
    const notified = new Set(fired.flatMap((f) => f.notify));
    expect(all.filter((a) => a.kind === 'warning').every((a) => !notified.has(a.id))).toBe(true);
    expect(all.filter((a) => a.kind === 'breach').every((a) => notified.has(a.id))).toBe(true);
    // The alert centre still has the warnings.
    const centre = await call(core, 'alerts.list', { offset: 0, limit: 200 });
    expect(centre.rows.filter((a) => a.subjectId === t.id && a.kind === 'warning').length).toBe(2);
  });

  it('reminds the agent 10 minutes before a time agreed with a busy customer', async () => {
    const clock = manualClock();
    const { core, timers } = watchedCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const reminders: Alert[] = [];
    core.on('alerts.fired', ({ alerts }) => reminders.push(...alerts.filter((a) => a.target === 'appointment')));
    const taskId = (core.db.prepare("SELECT id FROM callback_tasks WHERE is_open = 1 AND assigned_agent_id = (SELECT value FROM settings WHERE key = 'current_agent_id') LIMIT 1").get() as { id: string }).id;
    const draft = await call(core, 'call.start', { callId: uuidv7(), taskId, noteId: uuidv7() });
    // Monday 14:00: an agreed time must fall in a calling window (not the 12:00-14:00 lunch break).
    const at = clock.now() + 4 * 60 * MINUTE;
    await call(core, 'call.finish', { callId: draft.callId, disposition: 'customer_busy', answers: {}, notes: '', satisfaction: null, nps: null, rescheduleAt: at });
    timers.runUntil(at - 11 * MINUTE);
    expect(reminders).toEqual([]);
    timers.runUntil(at);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ subjectId: taskId, kind: 'warning', dueAt: at, thresholdAt: at - 10 * MINUTE });
  });
});
