import { describe, expect, it } from 'vitest';
import { planImport } from '../../../src/shared/import/dry-run';
import { FilePreview, ImportPlanSummary, SourceInfo, summarizePlan } from '../../../src/shared/import/import-schemas';
import { parseImportFile, previewImportFile } from '../../../src/main/import/read-file';
import { DELIVERY_HEADERS, deliveryRow, writeBigCsv, writeBigXlsx, writeCsv } from '../../support/import-files';
import { useTempDirs } from '../../support/temp-dir';
import { MemoryStore } from '../../shared/import/memory-store';

const tempDir = useTempDirs();
/** Dates only need to parse here; none decides an outcome. */
const AS_OF = Date.UTC(2026, 10, 23);

describe('importing the same file twice', () => {
  it('reports a messy GBK export by spreadsheet row, and changes nothing the second time', async () => {
    const rows = [
      ['交付清单 2026年3月'],
      [...DELIVERY_HEADERS],
      ['C0000001', '张三', '＋８６ １３８－１２３４－５６７８', '上海', '空调', 'KFR-35GW', 'ＳＮ００１', '2026/3/1', '2026年3月5日', '2029-03-01'],
      ['C0000001', '张三', '13812345678', '上海', '冰箱', 'BCD-520W', 'SN002', '20260302', '2026.03.06', ''],
      ['C0000001', '张三', '13812345678', '上海', '冰箱', 'BCD-520W', 'SN002', '20260302', '2026.03.06', ''],
      ['', '', '', '', '', '', '', '', '', ''],
      ['C0000002', '李四', '1.39E+10', '北京', '空调', 'KFR-35GW', 'SN003', '2026/3/1', '', ''],
      ['C0000003', '王五', '13700000000', '杭州', '热水器', 'JSQ30-16', 'SN004', '3/4/2026', '', ''],
      ['C0000004', '赵六', '13600000000', '成都', '净水器', 'MRO-1081', 'SN005', '2026-02-30', '', ''],
      ['C0000005', '钱七', '13500000000', '武汉', '净水器', 'MRO-1081', 'SN006', '46086', '46090', ''],
    ];
    const path = writeCsv(tempDir(), 'deliveries-gbk.csv', rows, { encoding: 'gbk' });
    const store = new MemoryStore();

    const first = await parseImportFile(path);
    expect(first.source.encoding?.encoding).toBe('gb18030');
    expect(first.mapping.headerRow).toBe(2);
    const plan = planImport(first.clean, store);
    expect(plan.counts).toEqual({ dataRows: 7, create: 5, update: 0, skip: 1, failedRows: 3 });
    expect(plan.create.map((c) => [c.entity, c.key, c.rows])).toEqual([
      ['purchase', 'serial:SN001', [3]],
      ['purchase', 'serial:SN002', [4]],
      ['purchase', 'serial:SN006', [10]],
      // A purchase list's customers are planned from all their rows, after the purchases.
      ['customer', 'no:C0000001', [3, 4]],
      ['customer', 'no:C0000005', [10]],
    ]);
    expect(plan.skip).toEqual([{ reason: 'duplicate_row', rows: [5], duplicateOf: 4 }]);
    expect(plan.errors.map((e) => [e.row, e.column, e.cell, e.code])).toEqual([
      [7, '联系电话', 'C7', 'scientific_notation'],
      [8, '购买日期', 'H8', 'ambiguous_date'],
      [9, '购买日期', 'H9', 'invalid_date'],
    ]);
    // What goes to the UI passes the schemas the API contract can use.
    expect(() => SourceInfo.parse(first.source)).not.toThrow();
    const preview = await previewImportFile(path);
    expect(FilePreview.parse(preview)).toEqual(preview);
    const summary = ImportPlanSummary.parse(summarizePlan(plan, 2));
    expect(summary).toMatchObject({
      counts: plan.counts,
      byEntity: { customer: { create: 2, update: 0, skip: 0 }, purchase: { create: 3, update: 0, skip: 0 } },
      duplicates: [{ row: 5, duplicateOf: 4 }],
      truncated: true,
    });
    expect(summary.errors.map((e) => e.row)).toEqual([7, 8]);
    store.apply(plan);

    const second = planImport((await parseImportFile(path)).clean, store);
    expect(second.counts).toEqual({ dataRows: 7, create: 0, update: 0, skip: 4, failedRows: 3 });
  });

  it.each([
    ['CSV', (dir: string) => writeBigCsv(dir, 20_000, { asOf: AS_OF })],
    ['XLSX', (dir: string) => writeBigXlsx(dir, 20_000, { asOf: AS_OF })],
  ])('plans 20k generated deliveries from %s, then nothing on the second run', async (_format, write) => {
    const path = await write(tempDir());
    const store = new MemoryStore();
    const first = planImport((await parseImportFile(path)).clean, store);
    expect(first.errors).toEqual([]);
    expect(first.counts).toMatchObject({ dataRows: 20_000, update: 0, failedRows: 0 });
    expect(first.create.filter((c) => c.entity === 'purchase')).toHaveLength(20_000);
    const customers = new Set(Array.from({ length: 20_000 }, (_, i) => deliveryRow(i, AS_OF).customerNo));
    expect(first.create.filter((c) => c.entity === 'customer')).toHaveLength(customers.size);
    store.apply(first);
    const second = planImport((await parseImportFile(path)).clean, store);
    expect(second.counts).toMatchObject({ create: 0, update: 0, skip: 20_000 });
  }, 60_000);
});
