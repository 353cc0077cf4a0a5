import { describe, expect, it } from 'vitest';
import { cleanRows, type CleanImport } from '../../../src/shared/import/clean-rows';
import { guessMapping } from '../../../src/shared/import/column-mapping';
import type { RawCell, RawRow } from '../../../src/shared/import/raw-cell';
import { SHIPPED_TIERS } from './tier-table';

function table(rows: RawCell[][]): RawRow[] {
  return rows.map((cells, i) => ({ row: i + 1, cells }));
}

function clean(rows: RawCell[][], kind?: 'customers' | 'purchases' | 'service_records'): CleanImport {
  const headers = (rows[0] ?? []).map(String);
  const { mapping } = guessMapping(headers, kind ? { kind } : {});
  return cleanRows(mapping, table(rows), { tierSynonyms: SHIPPED_TIERS });
}

const CUSTOMER_HEADER = ['客户编号', '姓名', '手机', '性别', '客户等级', '城市', '方便联系时间', '标签'];

describe('cleaning customer rows', () => {
  it('cleans full-width digits, phone variants, vocabularies and tags', () => {
    const result = clean([
      CUSTOMER_HEADER,
      ['ｃ００１', ' 张三 ', '＋８６ １３８－１２３４－５６７８', '男', 'VIP', '上海', '上午', '老客户、空调'],
      ['C002', '李四', '021-62345678 转 801', '女士', '普通', '北京', '14:00-17:30', ''],
      ['C003', '王五', 13987654321, '', '', '', '全天', null],
    ]);
    expect(result.kind).toBe('customers');
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.records.map((r) => r.record)).toEqual([
      { customerNo: 'c001', name: '张三', phone: '13812345678', phoneExtension: null, gender: 'male', tier: 'high_value', city: '上海', contactWindow: { start: 540, end: 720 }, tags: ['老客户', '空调'], remarks: null },
      { customerNo: 'C002', name: '李四', phone: '02162345678', phoneExtension: '801', gender: 'female', tier: 'regular', city: '北京', contactWindow: { start: 840, end: 1050 }, tags: null, remarks: null },
      { customerNo: 'C003', name: '王五', phone: '13987654321', phoneExtension: null, gender: null, tier: null, city: null, contactWindow: 'any', tags: null, remarks: null },
    ]);
    expect(result.issues).toEqual([
      { row: 3, column: '手机', cell: 'C3', severity: 'warning', code: 'phone_extension_split', reason: 'extension 801 was split off "021-62345678 转 801"; the number is stored without it', params: { field: 'phone', value: '021-62345678 转 801', extension: '801' } },
    ]);
  });

  it('leaves out rows with errors and names the row, the column and the cell', () => {
    const result = clean([
      CUSTOMER_HEADER,
      ['C001', '', '13812345678'],
      ['C002', '李四', '1.38123E+10'],
      ['C003', '王五', '6234567', 'X'],
      ['C004', '赵六', '13812340000', '', '钻石VIP'],
      ['C005', '钱七', '13812340001', '', '', '', '早上九点'],
      ['C006', '孙八', '13812340002'],
    ]);
    // An unknown customer type (钻石VIP) fails no row: it is reported once, below.
    expect(result.records.map((r) => r.record.customerNo)).toEqual(['C004', 'C006']);
    expect(result.issues.map((i) => [i.row, i.cell, i.code])).toEqual([
      [2, 'B2', 'required_missing'],
      [3, 'C3', 'scientific_notation'],
      [4, 'C4', 'invalid_phone'],
      [4, 'D4', 'invalid_value'],
      [6, 'G6', 'invalid_value'],
    ]);
    expect(result.issues[3]?.params).toEqual({ field: 'gender', value: 'X' });
    expect(result.stats).toEqual({ dataRows: 6, blankRows: 0, failedRows: 4, duplicateRows: 0, mergedRows: 0 });
    expect(result.tierValues).toEqual([{ value: '钻石VIP', tier: null, count: 1, rows: [5] }]);
    expect(result.records[0]?.record).toMatchObject({ customerNo: 'C004', tier: null });
  });

  it('skips exact duplicates (equal once cleaned) and says which row they repeat', () => {
    const result = clean([
      CUSTOMER_HEADER,
      ['C001', '张三', '13812345678'],
      ['C001', '张三', '138 1234 5678'],
      [],
      ['Ｃ００１', '张三', '+86 13812345678'],
      ['C002', '李四', '13900000000'],
    ]);
    expect(result.records).toHaveLength(2);
    expect(result.duplicates).toEqual([
      { row: 3, duplicateOf: 2 },
      { row: 5, duplicateOf: 2 },
    ]);
    expect(result.stats).toMatchObject({ dataRows: 4, blankRows: 1, duplicateRows: 2 });
    // Ｃ００１ is C001 after cleaning, so row 5 repeats row 2 as well.
    expect(clean([CUSTOMER_HEADER, ['C001', '张三', '13812345678'], ['Ｃ００１', '张三', '+86 13812345678']]).duplicates).toEqual([{ row: 3, duplicateOf: 2 }]);
  });

  it('merges the same customer over several rows: by number, and phone-only rows by phone', () => {
    const result = clean([
      CUSTOMER_HEADER,
      ['C001', '张三', '13812345678', '男', '', '上海', '', '空调'],
      ['C001', '张三', '13812345678', '', 'VIP', '', '', '冰箱'],
      ['', '张三', '13812345678', '', '', '', '下午'],
      ['C001', '张三丰', '13812345678'],
      ['', '李四', '13900000000', '女'],
      ['', '李四', '139-0000-0000', '', '新客户'],
    ]);
    expect(result.records).toEqual([
      {
        rows: [2, 3, 4, 5],
        record: { customerNo: 'C001', name: '张三', phone: '13812345678', phoneExtension: null, gender: 'male', tier: 'high_value', city: '上海', contactWindow: { start: 840, end: 1080 }, tags: ['空调', '冰箱'], remarks: null },
      },
      { rows: [6, 7], record: { customerNo: null, name: '李四', phone: '13900000000', phoneExtension: null, gender: 'female', tier: 'new', city: null, contactWindow: null, tags: null, remarks: null } },
    ]);
    expect(result.issues).toEqual([
      { row: 5, column: '姓名', cell: 'B5', severity: 'warning', code: 'merge_conflict', reason: 'row 2 is the same customer with name "张三"; this row\'s "张三丰" is not used', params: { field: 'name', value: '张三丰', firstRow: 2, firstValue: '张三' } },
    ]);
    expect(result.stats.mergedRows).toBe(4);
  });
});

describe('cleaning purchase and service rows', () => {
  const PURCHASE_HEADER = ['客户编号', '客户名称', '联系电话', '产品型号', '序列号', '购买日期', '交付日期', '保修截止'];

  it('reads dates in several formats and Excel serials', () => {
    const result = clean([
      PURCHASE_HEADER,
      ['C001', '张三', '13812345678', 'KFR-35GW', 'SN001', '2026/3/5', '2026年3月12日', 47182],
      ['C002', '李四', '13900000000', 'BCD-520W', 'ｓｎ００２', 46086, '20260312', '2029.03.05'],
    ]);
    if (result.kind !== 'purchases') throw new Error('expected purchases');
    expect(result.records.map((r) => [r.record.serialNo, r.record.purchaseDate, r.record.deliveryDate, r.record.warrantyEnd])).toEqual([
      ['SN001', '2026-03-05', '2026-03-12', '2029-03-05'],
      ['sn002', '2026-03-05', '2026-03-12', '2029-03-05'],
    ]);
  });

  it('reports cells holding errors or formulas without results, only where the column is mapped', () => {
    const result = clean([
      [...PURCHASE_HEADER, '核对人'],
      ['C001', '张三', '13812345678', 'KFR-35GW', 'SN001', { problem: 'error_value', detail: '#N/A' }, '', '', { problem: 'error_value', detail: '#REF!' }],
      ['C001', '张三', '13812345678', 'KFR-35GW', 'SN002', '2026-03-05', { problem: 'formula_without_result', detail: 'F3+7' }],
      ['C001', '张三', '13812345678', 'KFR-35GW', 'SN003', '3/5/2026'],
    ]);
    expect(result.records).toHaveLength(0);
    expect(result.issues.map((i) => [i.cell, i.code, i.reason])).toEqual([
      ['F2', 'cell_error_value', 'the cell holds the error #N/A'],
      ['G3', 'cell_formula_without_result', 'the cell has a formula (=F3+7) with no saved result; open the file in Excel and save it, or paste values'],
      ['F4', 'ambiguous_date', '"3/5/2026" could be 3 May or 5 March; write it as yyyy-mm-dd, or set the day/month order for this source'],
    ]);
  });

  it('refuses a second customer for the same serial number, merges the rest', () => {
    const result = clean([
      PURCHASE_HEADER,
      ['C001', '张三', '13812345678', 'KFR-35GW', 'SN001', '2026-03-05'],
      ['C001', '张三', '13812345678', 'KFR-35GW', 'SN001', '2026-03-05', '2026-03-09'],
      ['C002', '李四', '13900000000', 'KFR-35GW', 'SN001', '2026-03-05'],
    ]);
    expect(result.records).toEqual([{ rows: [2, 3], record: expect.objectContaining({ serialNo: 'SN001', deliveryDate: '2026-03-09' }) }]);
    expect(result.issues.map((i) => [i.row, i.severity, i.code])).toEqual([
      [4, 'error', 'merge_conflict'],
      [4, 'error', 'merge_conflict'],
    ]);
    expect(result.issues[0]?.reason).toBe('row 2 gives customerNo "C001" for the same serial number, this row "C002"; which customer is right cannot be guessed');
    expect(result.stats.failedRows).toBe(1);
  });

  it('reads service records: kind, closing time as an instant, satisfaction as score or rating', () => {
    const result = clean([
      ['工单号', '客户编号', '服务类型', '结单时间', '满意度'],
      ['SR20260301001', 'C001', '维修', '2026-03-01 16:30', '9'],
      ['SR20260301002', 'C001', '投诉', '2026/3/2', '不满意'],
      ['SR20260301003', 'C001', '上门喝茶', '2026/3/2', '11'],
    ]);
    expect(result.records.map((r) => r.record)).toEqual([
      { recordNo: 'SR20260301001', customerNo: 'C001', phone: null, serialNo: null, kind: 'repair', closedOn: '2026-03-01', closedAt: Date.UTC(2026, 2, 1, 8, 30), satisfactionScore: 9, rating: null, summary: null },
      { recordNo: 'SR20260301002', customerNo: 'C001', phone: null, serialNo: null, kind: 'complaint', closedOn: '2026-03-02', closedAt: null, satisfactionScore: null, rating: 'dissatisfied', summary: null },
    ]);
    expect(result.issues.map((i) => [i.cell, i.code])).toEqual([
      ['C4', 'invalid_value'],
      ['E4', 'invalid_value'],
    ]);
  });

  it('needs a customer number or a phone in every row', () => {
    const result = clean([
      ['客户编号', '手机', '服务类型', '结单时间'],
      ['', '', '维修', '2026-03-01'],
    ]);
    expect(result.issues).toEqual([
      { row: 2, column: '客户编号', cell: 'A2', severity: 'error', code: 'required_missing', reason: 'the customer number and the phone are both empty; one is needed to find the customer', params: { field: 'customerNo|phone' } },
    ]);
  });
});
