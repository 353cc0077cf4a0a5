import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { DELIVERY_HEADERS, writeBytes, writeCsv } from '../support/import-files';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});
const count = (c: Core, sql: string) => (c.db.prepare(sql).get() as { n: number }).n;

/** Deliveries as a Chinese CRM exports them: GBK, full-width digits, a +86 phone, a duplicate row and a bad phone. */
function deliveriesFile(dir: string): string {
  const rows: string[][] = [
    [...DELIVERY_HEADERS],
    ['C0000001', '赵丽华', '+86 138-0013-8001', '上海', '空调', 'KFR-35GW', 'SN000000001', '2026/11/10', '2026/11/12', '2029/11/10'],
    ['C0000002', '钱志强', '１３９００１３９００２', '杭州', '冰箱', 'BCD-470W', 'SN000000002', '2026-11-01', '2026-11-03', ''],
    ['C0000002', '钱志强', '１３９００１３９００２', '杭州', '冰箱', 'BCD-470W', 'SN000000002', '2026-11-01', '2026-11-03', ''],
    ['C0000003', '孙敏', '12345', '南京', '洗衣机', 'XQG100', 'SN000000003', '2026年11月5日', '2026年11月8日', ''],
  ];
  return writeCsv(dir, 'deliveries.csv', rows, { encoding: 'gbk' });
}

async function importOnce(c: Core, path: string) {
  const { value } = c.upload('deliveries.csv', readFileSync(path)) as { ok: true; value: { fileId: string } };
  const { preview, remembered } = await call(c, 'import.preview', { fileId: value.fileId });
  const mapping = remembered ?? preview.guess!.mapping;
  const dry = await call(c, 'import.dryRun', { fileId: value.fileId, mapping });
  return { fileId: value.fileId, preview, remembered, mapping, dry };
}

describe('CRM import through the core', () => {
  it('reads a GBK export, reports failing rows by number, applies all at once, plans callbacks, and a second import changes nothing', async () => {
    const c = (core = startCore(tempDir(), manualClock(Date.UTC(2026, 10, 23, 2, 0))));
    await call(c, 'workspace.createDemo', {});
    const file = deliveriesFile(tempDir());
    const first = await importOnce(c, file);
    expect(first.preview.source).toMatchObject({ fileName: 'deliveries.csv', format: 'csv', encoding: { encoding: expect.stringMatching(/gb/) } });
    expect(first.mapping.kind).toBe('purchases');
    expect(first.remembered).toBeNull();
    const { summary } = first.dry;
    expect(summary.byEntity.purchase?.create).toBe(2);
    expect(summary.duplicates).toEqual([{ row: 4, duplicateOf: 3 }]);
    expect(summary.errors.map((e) => e.row)).toEqual([5]);

    const customersBefore = count(c, 'SELECT count(*) AS n FROM customers');
    const applied = await call(c, 'import.apply', { fileId: first.fileId, mapping: first.mapping });
    expect(applied.created).toBe(4); // two customers, two purchases
    expect(applied.tasksPlanned).toBeGreaterThan(0);
    expect(count(c, 'SELECT count(*) AS n FROM customers')).toBe(customersBefore + 2);
    const zhao = c.db.prepare("SELECT id, phone FROM customers WHERE customer_no = 'C0000001'").get() as { id: string; phone: string };
    expect(zhao.phone).toBe('13800138001');
    // Delivered 12 Nov: the 7-15 day callback is planned inside 19-27 Nov.
    const early = c.db.prepare("SELECT due_start, due_end FROM callback_tasks WHERE customer_id = ? AND type = 'routine_early'").get(zhao.id) as { due_start: number; due_end: number };
    expect(new Date(early.due_start).toISOString().slice(0, 10) >= '2026-11-18').toBe(true);
    expect(new Date(early.due_end).toISOString().slice(0, 10) <= '2026-11-27').toBe(true);

    const tasksAfter = count(c, 'SELECT count(*) AS n FROM callback_tasks');
    const second = await importOnce(c, file);
    expect(second.remembered).toEqual(first.mapping);
    expect(second.dry.summary.counts).toMatchObject({ create: 0, update: 0 });
    const again = await call(c, 'import.apply', { fileId: second.fileId, mapping: second.mapping });
    expect(again).toMatchObject({ created: 0, updated: 0, tasksPlanned: 0 });
    expect(count(c, 'SELECT count(*) AS n FROM callback_tasks')).toBe(tasksAfter);
  });

  it('refuses files that are not spreadsheets and empty files, changing nothing', async () => {
    const c = (core = startCore(tempDir()));
    await call(c, 'workspace.createDemo', {});
    const outbox = count(c, 'SELECT count(*) AS n FROM outbox');
    expect(c.upload('empty.csv', new Uint8Array())).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('empty') } });
    const pdf = readFileSync(writeBytes(tempDir(), 'report.csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')));
    const { value } = c.upload('report.csv', pdf) as { ok: true; value: { fileId: string } };
    expect(await c.dispatch('import.preview', { fileId: value.fileId })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('report.csv') } });
    expect(count(c, 'SELECT count(*) AS n FROM outbox')).toBe(outbox);
  });

  it('takes service records: a repair closed in the CRM gets its post-resolution callback, once', async () => {
    const c = (core = startCore(tempDir(), manualClock(Date.UTC(2026, 10, 23, 2, 0))));
    await call(c, 'workspace.createDemo', {});
    const known = c.db.prepare('SELECT id, customer_no FROM customers LIMIT 1').get() as { id: string; customer_no: string };
    const rows = [['服务单号', '客户编号', '服务类型', '完成日期', '满意度'], ['R20261122001', known.customer_no, '维修', '2026-11-22', '6'], ['R20261122002', 'C9999999', '维修', '2026-11-22', '']];
    const path = writeCsv(tempDir(), 'records.csv', rows, { encoding: 'utf-8' });
    const run = async () => {
      const up = c.upload('records.csv', readFileSync(path)) as { ok: true; value: { fileId: string } };
      const { preview } = await call(c, 'import.preview', { fileId: up.value.fileId, kind: 'service_records' });
      const mapping = preview.guess!.mapping;
      const dry = await call(c, 'import.dryRun', { fileId: up.value.fileId, mapping });
      return { dry, applied: await call(c, 'import.apply', { fileId: up.value.fileId, mapping }) };
    };
    const first = await run();
    expect(first.dry.summary.errors).toEqual([expect.objectContaining({ row: 3, code: 'unknown_customer' })]);
    expect(first.applied.created).toBe(1);
    const followUp = c.db.prepare("SELECT purpose_key, ticket_id, type FROM callback_tasks WHERE customer_id = ? AND purpose_key LIKE 'post_resolution:svc:%'").all(known.id);
    expect(followUp).toEqual([expect.objectContaining({ type: 'post_resolution', ticket_id: null })]);
    const second = await run();
    expect(second.applied).toMatchObject({ created: 0, updated: 0 });
    expect(c.db.prepare("SELECT count(*) AS n FROM callback_tasks WHERE purpose_key LIKE 'post_resolution:svc:%'").get()).toEqual({ n: 1 });
  });
});
