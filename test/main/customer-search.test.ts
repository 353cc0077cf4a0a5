import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';
import { call, startCore } from '../support/test-core';

const tempDir = useTempDirs();

describe('customer search (for inbound issues)', () => {
  it('finds any customer by part of the name or the last phone digits, not only those in my queue', async () => {
    const core = startCore(tempDir());
    await call(core, 'workspace.createDemo', {});
    const me = (core.db.prepare("SELECT value FROM settings WHERE key = 'current_agent_id'").get() as { value: string }).value;
    const stranger = core.db
      .prepare('SELECT id, name, phone FROM customers c WHERE NOT EXISTS (SELECT 1 FROM callback_tasks t WHERE t.customer_id = c.id AND t.assigned_agent_id = ?) LIMIT 1')
      .get(me) as { id: string; name: string; phone: string };
    expect(stranger).toBeDefined();

    const byTail = await call(core, 'customer.search', { query: stranger.phone.slice(-4), limit: 50 });
    expect(byTail.rows.map((r) => r.customerId)).toContain(stranger.id);
    const byLongTail = await call(core, 'customer.search', { query: stranger.phone.slice(-7), limit: 50 });
    expect(byLongTail.rows.map((r) => r.customerId)).toEqual([stranger.id]);
    const byName = await call(core, 'customer.search', { query: stranger.name.slice(1), limit: 50 });
    expect(byName.rows.find((r) => r.customerId === stranger.id)).toMatchObject({ customerName: stranger.name, phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
    // Never the whole number, and LIKE wildcards are text, not patterns.
    expect(JSON.stringify(byName)).not.toContain(stranger.phone);
    expect((await call(core, 'customer.search', { query: '%', limit: 50 })).rows).toEqual([]);
    expect(await core.dispatch('customer.search', { query: '  ', limit: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    core.close();
  });
});
