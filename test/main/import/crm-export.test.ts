import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { ApiOutput } from '../../../src/shared/api/contract';
import type { TierChoices } from '../../../src/shared/import/tier-synonyms';
import { writeCsv, writeXlsx, type XlsxCell } from '../../support/import-files';
import { useTempDirs } from '../../support/temp-dir';
import { call, manualClock, startCore } from '../../support/test-core';

/**
 * A CRM export as service centres get them: one row per purchase, the customer's columns
 * (type, remarks, city) repeated on each row, in GB18030 or UTF-8 with BOM CSV or XLSX. Through
 * the core: upload, preview, dry run, apply, and the callback planning the apply runs.
 */
const tempDir = useTempDirs();
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

const ZH_ISSUES = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../src/renderer/src/i18n/locales/zh-CN/import.json'), 'utf8')) as { issue: Record<string, string> }).issue;
const NOW = Date.UTC(2026, 10, 23, 2, 0);
const DAY = 86_400_000;
/** A local date this many days before the test's clock. */
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString().slice(0, 10);

const HEADER = ['客户编号', '客户名称', '手机', '客户类型', '城市', '备注', '产品类别', '产品型号', '序列号', '购买日期', '交付日期'];
/** The rows of the export; row n of the file is index n - 2 here. */
function exportRows(): string[][] {
  return [
    ['C100', '周杰', '13800000100', 'VIP', '上海', '只在周末联系', '空调', 'KFR-35GW', 'SN-100-1', daysAgo(20), daysAgo(18)],
    ['C100', '周杰', '13800000100', 'VIP', '上海', '只在周末联系', '冰箱', 'BCD-520W', 'SN-100-2', daysAgo(20), daysAgo(17)],
    ['C200', '吴敏', '13800000200', '高价值客户', '杭州', '', '洗衣机', 'XQG100', 'SN-200-1', daysAgo(25), daysAgo(22)],
    ['C300', '郑强', '13800000300', '老客', '南京', '', '热水器', 'JSQ30-16', 'SN-300-1', daysAgo(30), daysAgo(28)],
    ['C300', '郑强', '13800000300', '老客户', '南京', '', '净水器', 'MRO-1081', 'SN-300-2', daysAgo(12), daysAgo(10)],
    ['C400', '王芳', '13800000400', '重点客户', '成都', '投诉过安装', '空调', 'KFR-35GW', 'SN-400-1', daysAgo(15), daysAgo(13)],
    // The same customer written as 普通客户 here and VIP below: reported, the first is used.
    ['C500', '冯涛', '13800000500', '普通客户', '武汉', '', '冰箱', 'BCD-520W', 'SN-500-1', daysAgo(40), daysAgo(38)],
    ['C500', '冯涛', '13800000500', 'VIP', '武汉', '', '空调', 'KFR-35GW', 'SN-500-2', daysAgo(14), daysAgo(12)],
    // A type this centre writes that the table does not know: reported once, with its rows.
    ['C600', '陈静', '13800000600', '金卡会员', '广州', '', '空调', 'KFR-35GW', 'SN-600-1', daysAgo(21), daysAgo(19)],
    ['C600', '陈静', '13800000600', '金卡会员', '广州', '', '冰箱', 'BCD-520W', 'SN-600-2', daysAgo(21), daysAgo(19)],
    // A customer the store does not know, without a name.
    ['C700', '', '13800000700', '新客户', '北京', '', '空调', 'KFR-35GW', 'SN-700-1', daysAgo(10), daysAgo(8)],
    // Delivered before it was bought.
    ['C800', '孙丽', '13800000800', '新客户', '北京', '', '空调', 'KFR-35GW', 'SN-800-1', daysAgo(10), daysAgo(13)],
    // Known to the store (imported as a new customer below); the export says 重点客户.
    ['K001', '李雷', '13900000001', '重点客户', '深圳', '大客户经理：张', '空调', 'KFR-35GW', 'SN-K01-1', daysAgo(16), daysAgo(14)],
  ];
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serial = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - EXCEL_EPOCH) / DAY);

const FORMATS = {
  'GB18030 CSV': (dir: string) => writeCsv(dir, 'crm-export.csv', [HEADER, ...exportRows()], { encoding: 'gb18030' }),
  'UTF-8 CSV with BOM': (dir: string) => writeCsv(dir, 'crm-export.csv', [HEADER, ...exportRows()], { encoding: 'utf-8-bom' }),
  // As Excel keeps it: phones as numbers, dates as serials with a date format.
  XLSX: (dir: string) =>
    writeXlsx(dir, 'crm-export.xlsx', [
      {
        name: '客户购买明细',
        rows: [HEADER, ...exportRows().map((row): XlsxCell[] => row.map((cell, i) => (i === 2 ? Number(cell) : i >= 9 ? { date: serial(cell), format: 'yyyy/m/d' } : cell)))],
      },
    ]),
} as const;

async function startWithKnownCustomer(): Promise<Core> {
  const c = (core = startCore(tempDir(), manualClock(NOW)));
  await call(c, 'workspace.createEmpty', { agentName: '王晓敏', employeeNo: 'CS1024' });
  const customers = writeCsv(tempDir(), 'customers.csv', [['客户编号', '姓名', '手机'], ['K001', '李雷', '13900000001']], { encoding: 'utf-8-bom' });
  const run = await importFile(c, customers);
  await call(c, 'import.apply', { fileId: run.fileId, mapping: run.mapping });
  return c;
}

async function importFile(c: Core, path: string, tierChoices?: TierChoices) {
  const { value } = c.upload(path.split('/').at(-1) ?? 'file', readFileSync(path)) as { ok: true; value: { fileId: string } };
  const preview = await call(c, 'import.preview', { fileId: value.fileId });
  const mapping = preview.remembered ?? preview.preview.guess!.mapping;
  const dry = await call(c, 'import.dryRun', { fileId: value.fileId, mapping, ...(tierChoices ? { tierChoices } : {}) });
  return { fileId: value.fileId, preview, mapping, dry: dry.summary, tierChoices };
}

async function applyFile(c: Core, run: Awaited<ReturnType<typeof importFile>>): Promise<ApiOutput<'import.apply'>> {
  return call(c, 'import.apply', { fileId: run.fileId, mapping: run.mapping, ...(run.tierChoices ? { tierChoices: run.tierChoices } : {}) });
}

function customer(c: Core, customerNo: string) {
  return c.db.prepare('SELECT id, name, tier, city, remarks FROM customers WHERE customer_no = ?').get(customerNo) as
    | { id: string; name: string; tier: string; city: string; remarks: string | null }
    | undefined;
}

function taskTypes(c: Core, customerNo: string): string[] {
  const rows = c.db
    .prepare('SELECT DISTINCT t.type FROM callback_tasks t JOIN customers c ON c.id = t.customer_id WHERE c.customer_no = ? ORDER BY t.type')
    .all(customerNo) as { type: string }[];
  return rows.map((r) => r.type);
}

describe('a CRM export with customers and purchases on one sheet', () => {
  it.each(Object.entries(FORMATS))(
    'from %s: imports the customer type and remarks with the purchases, so key customers get their plans',
    async (_format, write) => {
      const c = await startWithKnownCustomer();
      const run = await importFile(c, await write(tempDir()));

      expect(run.mapping.kind).toBe('purchases');
      expect(run.mapping.columns).toMatchObject({ tier: { header: '客户类型' }, remarks: { header: '备注' } });
      const { dry } = run;
      // Item 3 and 4: each with its own code and the values the text names.
      expect(dry.errors.map((e) => [e.row, e.cell, e.code, e.params])).toEqual([
        [12, 'B12', 'name_missing', { field: 'name', customer: 'C700' }],
        [13, 'K13', 'delivery_before_purchase', { field: 'deliveryDate', deliveryDate: daysAgo(13), purchaseDate: daysAgo(10) }],
      ]);
      // Repeated customer columns that disagree: reported, not silently last-wins.
      expect(dry.warnings.map((w) => [w.row, w.cell, w.code, w.params])).toEqual([
        [9, 'D9', 'customer_value_conflict', { field: 'tier', value: 'high_value', firstRow: 8, firstValue: 'regular' }],
      ]);
      // Item 2: the unknown type once, with its rows, failing none of them.
      expect(dry.tierValues).toEqual(
        expect.arrayContaining([
          { value: '金卡会员', tier: null, count: 2, rows: [10, 11] },
          { value: 'VIP', tier: 'high_value', count: 3, rows: [2, 3, 9] },
          { value: '老客', tier: 'regular', count: 1, rows: [5] },
          { value: '老客户', tier: 'regular', count: 1, rows: [6] },
        ]),
      );
      expect(dry.counts).toMatchObject({ dataRows: 13, failedRows: 2 });
      // Every value the zh-CN text names comes with the issue (fieldLabel is the field, translated).
      for (const issue of [...dry.errors, ...dry.warnings]) {
        const named = [...(ZH_ISSUES[issue.code] ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => (m[1] === 'fieldLabel' ? 'field' : m[1]));
        expect(named.filter((name) => !(name! in issue.params)), issue.code).toEqual([]);
      }
      expect(dry.byEntity.customer).toEqual({ create: 6, update: 1, skip: 0 });
      expect(dry.byEntity.purchase).toMatchObject({ create: 11 });

      const applied = await applyFile(c, run);
      expect(applied.created).toBe(6 + 11);
      expect(applied.updated).toBe(1);
      expect(customer(c, 'C100')).toMatchObject({ name: '周杰', tier: 'high_value', city: '上海', remarks: '只在周末联系' });
      expect(customer(c, 'C200')?.tier).toBe('high_value');
      expect(customer(c, 'C300')?.tier).toBe('regular');
      expect(customer(c, 'C400')).toMatchObject({ tier: 'high_value', remarks: '投诉过安装' });
      expect(customer(c, 'C500')?.tier).toBe('regular');
      expect(customer(c, 'C600')?.tier).toBe('new');
      expect(customer(c, 'C700')).toBeUndefined();
      expect(customer(c, 'C800')).toBeUndefined();
      // Text is cleaned as everywhere in the import: the full-width colon is half-width.
      expect(customer(c, 'K001')).toMatchObject({ tier: 'high_value', city: '深圳', remarks: '大客户经理:张' });

      // The planner, run by the apply at the test's clock: key-customer plans for the high-value
      // customers (VIP, 高价值客户, 重点客户), periodic satisfaction for the regular ones (老客).
      for (const no of ['C100', 'C200', 'C400', 'K001']) expect(taskTypes(c, no)).toContain('key_customer');
      for (const no of ['C300', 'C500']) expect(taskTypes(c, no)).toContain('satisfaction');
      for (const no of ['C300', 'C500', 'C600']) expect(taskTypes(c, no)).not.toContain('key_customer');

      // Importing the same file again changes nothing.
      const again = await importFile(c, await write(tempDir()));
      expect(again.dry.counts).toMatchObject({ create: 0, update: 0 });
      const second = await applyFile(c, again);
      expect(second).toMatchObject({ created: 0, updated: 0, tasksPlanned: 0 });
    },
    120_000,
  );

  it('takes the centre own spelling chosen in the mapping step, and keeps it for the next file', async () => {
    const c = await startWithKnownCustomer();
    const path = await FORMATS['UTF-8 CSV with BOM'](tempDir());
    const first = await importFile(c, path);
    expect(first.preview.tierSynonyms.high_value).toContain('vip');
    expect(first.preview.tierSynonyms.high_value).not.toContain('金卡会员');

    const chosen = await importFile(c, path, { 金卡会员: 'high_value' });
    expect(chosen.dry.tierValues).toContainEqual({ value: '金卡会员', tier: 'high_value', count: 2, rows: [10, 11] });
    await applyFile(c, chosen);
    expect(customer(c, 'C600')?.tier).toBe('high_value');
    expect(taskTypes(c, 'C600')).toContain('key_customer');

    // The next export knows it without being told.
    const next = writeCsv(tempDir(), 'next.csv', [HEADER, ['C900', '何静', '13800000900', '金卡会员', '广州', '', '空调', 'KFR-35GW', 'SN-900-1', daysAgo(9), daysAgo(8)]], {
      encoding: 'gb18030',
    });
    const later = await importFile(c, next);
    expect(later.preview.tierSynonyms.high_value).toContain('金卡会员');
    expect(later.dry.tierValues).toEqual([{ value: '金卡会员', tier: 'high_value', count: 1, rows: [2] }]);
  }, 120_000);
});
