// Names masked in records, compound surnames addressed whole, purchase proof verified but never stored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { PurchaseRepository } from '../../src/main/db/repositories/purchase-repository';
import { proofDigest } from '../../src/main/services/purchase-proof';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();

/** One of my open callbacks with a purchase, for a customer in Shanghai without a preferred time. */
function myTask(core: Core): { taskId: string; customerId: string; purchaseId: string } {
  return core.db
    .prepare(
      `SELECT t.id AS taskId, t.customer_id AS customerId, t.purchase_id AS purchaseId FROM callback_tasks t JOIN customers c ON c.id = t.customer_id
        WHERE t.is_open = 1 AND t.purchase_id IS NOT NULL AND c.contact_window_start IS NULL AND c.time_zone = 'Asia/Shanghai'
          AND t.assigned_agent_id = (SELECT value FROM settings WHERE key = 'current_agent_id') LIMIT 1`,
    )
    .get() as { taskId: string; customerId: string; purchaseId: string };
}

async function demo(dir: string) {
  const clock = manualClock(); // Monday 23 November 2026 10:00 Shanghai
  const core = startCore(dir, clock);
  await call(core, 'workspace.createDemo', {});
  return { core, clock };
}

describe('customer names', () => {
  it('addresses a compound surname whole in the opening line and the SMS (欧阳先生, not 欧先生), and masks it in the outbox (欧阳*)', async () => {
    const { core } = await demo(tempDir());
    const { taskId, customerId } = myTask(core);
    core.db.prepare("UPDATE customers SET name = '欧阳明轩', gender = 'male' WHERE id = ?").run(customerId);
    const opened = await call(core, 'task.open', { taskId });
    expect(opened.placeholders.customerTitle).toBe('欧阳先生');
    const draft = await call(core, 'call.start', { callId: uuidv7(), taskId, noteId: uuidv7() });
    await call(core, 'call.finish', { callId: draft.callId, disposition: 'customer_busy', answers: {}, notes: '', satisfaction: null, nps: null, rescheduleAt: Date.UTC(2026, 10, 23, 7, 0) });
    const { rows } = await call(core, 'messages.list', { limit: 10 });
    expect(rows[0]).toMatchObject({ customerName: '欧阳*', body: expect.stringMatching(/^欧阳先生您好/) });
    core.close();
  });

  it('says 女士 or 小姐 by the UI language, and both forms when the gender is unknown, never the full name', async () => {
    const { core } = await demo(tempDir());
    const { taskId, customerId } = myTask(core);
    core.db.prepare("UPDATE customers SET name = '司马婉清', gender = 'female' WHERE id = ?").run(customerId);
    expect((await call(core, 'task.open', { taskId })).placeholders.customerTitle).toBe('司马女士');
    await call(core, 'settings.update', { locale: 'zh-TW' });
    expect((await call(core, 'task.open', { taskId })).placeholders.customerTitle).toBe('司马小姐');
    core.db.prepare("UPDATE customers SET gender = 'unknown' WHERE id = ?").run(customerId);
    expect((await call(core, 'task.open', { taskId })).placeholders.customerTitle).toBe('司马先生/小姐');
    await call(core, 'settings.update', { locale: 'zh-CN' });
    expect((await call(core, 'task.open', { taskId })).placeholders.customerTitle).toBe('司马先生/女士');
    core.close();
  });
});

describe('names in the issue list', () => {
  it('lists issues with the customer\'s name masked (the complaint tracking record, 张*), the issue itself keeping it for the handler', async () => {
    const { core } = await demo(tempDir());
    const { customerId, purchaseId } = myTask(core);
    core.db.prepare("UPDATE customers SET name = '上官婉儿' WHERE id = ?").run(customerId);
    const ticket = await call(core, 'ticket.create', {
      ticketId: uuidv7(), kind: 'complaint', customerId, purchaseId, callId: null, channel: 'hotline', scenario: 'service_complaint',
      category: 'staff_attitude', demand: 'apology', severity: 'general', symptom: '上门师傅迟到两小时', ownerAgentId: null, department: '',
    });
    const { rows } = await call(core, 'ticket.list', { scope: 'all', state: 'open', offset: 0, limit: 500 });
    expect(rows.find((r) => r.id === ticket.id)?.customerName).toBe('上官*');
    expect((await call(core, 'ticket.get', { ticketId: ticket.id })).ticket.customerName).toBe('上官婉儿');
    core.close();
  });
});

describe('purchase proof (order or invoice number)', () => {
  it('answers match / no match against the purchase, and the typed number is written nowhere (store file, WAL, outbox)', async () => {
    const dir = tempDir();
    const { core } = await demo(dir);
    const { taskId, purchaseId } = myTask(core);
    // What an import of an export with an order number keeps: the digest, not the number.
    new PurchaseRepository(core.db).setProofDigest(purchaseId, proofDigest('JD20261119004217'));
    const outboxBefore = core.db.prepare('SELECT count(*) FROM outbox').pluck().get();
    const verify = (proof: string, id = purchaseId) => call(core, 'purchase.verifyProof', { purchaseId: id, proof });
    expect(await verify('jd-2026 1119 004217')).toEqual({ result: 'match' });
    expect(await verify('JD20261119004218')).toEqual({ result: 'no_match' });
    const other = core.db.prepare('SELECT id FROM purchases WHERE id != ? LIMIT 1').pluck().get(purchaseId) as string;
    expect(await verify('JD20261119004217', other)).toEqual({ result: 'not_on_file' });
    expect(await core.dispatch('purchase.verifyProof', { purchaseId: uuidv7(), proof: 'JD20261119004217' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('purchase.verifyProof', { purchaseId, proof: ' 1 ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Verifying is not an edit: nothing heads for the hub.
    expect(core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(outboxBefore);
    await call(core, 'task.open', { taskId });
    core.db.pragma('wal_checkpoint(PASSIVE)');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('carecall.db'))) {
      const bytes = readFileSync(join(dir, file));
      for (const typed of ['JD20261119004217', 'jd-2026 1119 004217', 'JD20261119004218']) {
        expect(bytes.includes(Buffer.from(typed, 'utf8')), `${file} holds ${typed}`).toBe(false);
      }
    }
    core.close();
  });
});
