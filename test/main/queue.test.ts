import { describe, expect, it } from 'vitest';
import { CustomerRepository } from '../../src/main/db/repositories/customer-repository';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();

async function demo() {
  const clock = manualClock();
  const core = startCore(tempDir(), clock);
  await call(core, 'workspace.createDemo', {});
  return { core, clock };
}

describe('the agent queue', () => {
  it('groups my open callbacks into overdue, today and upcoming, with counts that match the lists', async () => {
    const { core, clock } = await demo();
    const counts = await call(core, 'queue.counts', { filter: {} });
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.today).toBeGreaterThan(0);
    expect(counts.upcoming).toBeGreaterThan(0);
    for (const group of ['overdue', 'today', 'upcoming'] as const) {
      const page = await call(core, 'queue.list', { filter: {}, group, offset: 0, limit: 500 });
      expect(page.rows.length).toBe(counts[group]);
      expect(page.rows.every((r) => r.group === group)).toBe(true);
      if (group === 'overdue') expect(page.rows.every((r) => r.dueEnd < clock.now())).toBe(true);
    }
    const all = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 500 });
    expect(all.rows.length).toBe(counts.overdue + counts.today + counts.upcoming);
    expect(all.rows.every((r) => ['pending', 'retry', 'rescheduled'].includes(r.status))).toBe(true);
    core.close();
  });

  it('sorts by priority, then due time', async () => {
    const { core } = await demo();
    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 500 });
    const keys = rows.map((r) => [r.priority, r.dueEnd] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    core.close();
  });

  it('filters by type, tier and status, and pages without gaps or repeats', async () => {
    const { core } = await demo();
    const typed = await call(core, 'queue.list', { filter: { types: ['post_resolution'], tiers: ['high_value', 'regular'] }, offset: 0, limit: 500 });
    expect(typed.rows.length).toBeGreaterThan(0);
    expect(typed.rows.every((r) => r.type === 'post_resolution' && r.tier !== 'new')).toBe(true);
    const done = await call(core, 'queue.list', { filter: { statuses: ['completed'] }, offset: 0, limit: 500 });
    expect(done.rows.length).toBeGreaterThan(0);
    expect(done.rows.every((r) => r.status === 'completed')).toBe(true);
    const whole = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 500 });
    const paged = [];
    for (let offset = 0; offset < whole.rows.length; offset += 25) {
      paged.push(...(await call(core, 'queue.list', { filter: {}, offset, limit: 25 })).rows);
    }
    expect(paged.map((r) => r.taskId)).toEqual(whole.rows.map((r) => r.taskId));
    core.close();
  });

  it('finds customers by part of the name or the last digits of the phone', async () => {
    const { core } = await demo();
    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
    const target = rows[0]!;
    const phone = new CustomerRepository(core.db).getPhone(target.customerId)!;
    const byTail = await call(core, 'queue.list', { filter: { search: phone.slice(-4) }, offset: 0, limit: 500 });
    expect(byTail.rows.map((r) => r.taskId)).toContain(target.taskId);
    expect(byTail.rows.every((r) => r.phoneMasked.endsWith(phone.slice(-4)))).toBe(true);
    const byName = await call(core, 'queue.list', { filter: { search: target.customerName.slice(1) }, offset: 0, limit: 500 });
    expect(byName.rows.map((r) => r.taskId)).toContain(target.taskId);
    expect(byName.rows.every((r) => r.customerName.includes(target.customerName.slice(1)))).toBe(true);
    const nothing = await call(core, 'queue.list', { filter: { search: "%' OR 1=1 --" }, offset: 0, limit: 500 });
    expect(nothing.rows).toHaveLength(0);
    core.close();
  });

  it('never hands the renderer a whole phone number', async () => {
    const { core } = await demo();
    const customers = new CustomerRepository(core.db);
    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 50 });
    for (const row of rows.slice(0, 10)) {
      const phone = customers.getPhone(row.customerId)!;
      const payloads = [
        row,
        await call(core, 'task.open', { taskId: row.taskId }),
        await call(core, 'customer.get', { customerId: row.customerId }),
      ];
      for (const payload of payloads) expect(JSON.stringify(payload)).not.toContain(phone);
      expect(row.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    }
    // Only dialing reveals it, and only in the URI built from the configured template.
    await call(core, 'settings.update', { dialUriTemplate: 'sip:{phone}@pbx.local' });
    const dial = await call(core, 'call.dial', { taskId: rows[0]!.taskId });
    expect(dial.uri).toBe(`sip:${customers.getPhone(rows[0]!.customerId)}@pbx.local`);
    expect(await core.dispatch('settings.update', { dialUriTemplate: 'tel:' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    core.close();
  });
});
