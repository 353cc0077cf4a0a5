import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, REPO_ROOT, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'calendars', name), 'utf8');
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function signInAs(c: Core, role: 'lead' | 'agent'): void {
  const agent = c.db.prepare('SELECT id FROM agents WHERE role = ?').get(role) as { id: string };
  c.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(agent.id);
}

/** Thursday 2026-06-11 16:00 in Shanghai. */
async function setup() {
  core = startCore(tempDir(), manualClock(Date.UTC(2026, 5, 11, 8, 0)));
  await call(core, 'workspace.createDemo', {});
  const customerId = (core.db.prepare('SELECT id FROM customers LIMIT 1').get() as { id: string }).id;
  const register = (severity: string) =>
    call(core!, 'ticket.create', {
      ticketId: uuidv7(), kind: 'service_request', customerId, purchaseId: null, callId: null, channel: 'hotline', scenario: 'fault_repair',
      category: 'quality_fault', demand: 'repair', severity, symptom: '冰箱不制冷', ownerAgentId: null, department: '',
    });
  return { core, register };
}

describe('SLA preset and working calendar', () => {
  it('ships preset 000 with the mainland calendar, and only a lead may switch presets', async () => {
    const { core, register } = await setup();
    const setupInfo = await call(core, 'sla.get', {});
    expect(setupInfo).toMatchObject({ preset: '000', calendar: { id: 'cn-mainland', timeZone: 'Asia/Shanghai', importedFrom: null } });
    expect(setupInfo.presets.map((p) => p.preset)).toEqual(['000', '001', '002', '004']);
    expect(await core.dispatch('sla.setPreset', { preset: '001' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const before = await register('urgent');
    signInAs(core, 'lead');
    expect((await call(core, 'sla.setPreset', { preset: '001' })).preset).toBe('001');
    // New issues follow 001 (urgent: answer within 30 minutes); the open one keeps 000's two hours.
    const after = await register('urgent');
    expect(after.response.dueAt! - after.registeredAt).toBe(30 * 60_000);
    const opened = await call(core, 'ticket.get', { ticketId: before.id });
    expect(opened.ticket.response.dueAt! - opened.ticket.registeredAt).toBe(120 * 60_000);
    // Its severity is changed within its own policy's severities, not the new preset's.
    expect(opened.severities.map((s) => s.key)).toEqual(['general', 'major', 'urgent']);
    expect((await call(core, 'ticket.setSeverity', { ticketId: before.id, severity: 'major' })).severity).toBe('major');
    expect(await core.dispatch('ticket.setSeverity', { ticketId: before.id, severity: 'consulting' })).toMatchObject({
      ok: false, error: { code: 'invalid_input', fields: { severity: expect.stringContaining('general, major, urgent') } },
    });
    expect(await core.dispatch('sla.setPreset', { preset: '003' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('takes a deployment\u2019s holidays from an .ics file, and a broken file changes nothing', async () => {
    const { core, register } = await setup();
    // Major (000) "4小时内响应", switched by the lead to working time: Thursday 16:00 + 2 h today + 2 h next working day.
    signInAs(core, 'lead');
    await call(core, 'sla.setTargetClock', { key: 'major.response', clock: 'working' });
    const shipped = await register('major');
    expect(new Date(shipped.response.dueAt!).toISOString()).toBe('2026-06-12T03:00:00.000Z'); // Fri 11:00
    const before = await call(core, 'sla.get', {});
    for (const broken of ['malformed.ics', 'no-events.ics', 'event-without-date.ics']) {
      const result = await core.dispatch('calendar.importIcs', { fileName: broken, text: fixture(broken) });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(broken) } });
    }
    expect(await call(core, 'sla.get', {})).toEqual(before);

    const imported = await call(core, 'calendar.importIcs', { fileName: 'company-2026.ics', text: fixture('company-2026.ics') });
    expect(imported.calendar.importedFrom).toBe('company-2026.ics');
    // Friday 12 June is a company holiday in the file: the same target now lands on Monday.
    const withHoliday = await register('major');
    expect(new Date(withHoliday.response.dueAt!).toISOString()).toBe('2026-06-15T03:00:00.000Z');
    expect((await call(core, 'calendar.reset', {})).calendar.importedFrom).toBeNull();
  });

  it('hours are calendar hours as the seeds write them; a lead switches one target to working time, agents cannot', async () => {
    const { core, register } = await setup();
    const info = await call(core, 'sla.get', {});
    expect(info.clocks.find((c) => c.key === 'major.response')).toMatchObject({ minutes: 240, clock: 'calendar', shippedClock: 'calendar', source: { seed: '000', rule: '重大问题：4小时内响应' } });
    // Thursday 16:00 + 4 calendar hours.
    expect(new Date((await register('major')).response.dueAt!).toISOString()).toBe('2026-06-11T12:00:00.000Z');
    expect(await core.dispatch('sla.setTargetClock', { key: 'major.response', clock: 'working' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    signInAs(core, 'lead');
    expect(await core.dispatch('sla.setTargetClock', { key: 'major.reply', clock: 'working' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { key: 'unknown_target' } } });
    const switched = await call(core, 'sla.setTargetClock', { key: 'major.response', clock: 'working' });
    expect(switched.clocks.find((c) => c.key === 'major.response')).toMatchObject({ clock: 'working', shippedClock: 'calendar' });
    const working = await register('major');
    expect(working.response).toMatchObject({ clock: 'working' });
    expect(new Date(working.response.dueAt!).toISOString()).toBe('2026-06-12T03:00:00.000Z');
    // The other targets keep their clock; back to calendar time removes the switch.
    expect(working.resolution.clock).toBe('calendar');
    expect((await call(core, 'sla.setTargetClock', { key: 'major.response', clock: 'calendar' })).clocks.find((c) => c.key === 'major.response')?.clock).toBe('calendar');
  });
});
