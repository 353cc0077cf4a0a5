import { describe, expect, it } from 'vitest';
import {
  ColumnMapping,
  findHeaderRow,
  guessMapping,
  mappingProblems,
  normalizeHeader,
  parseColumnMapping,
  reapplyMapping,
} from '../../../src/shared/import/column-mapping';
import { ImportError } from '../../../src/shared/import/import-error';

const fieldsOf = (headers: string[], kind?: 'customers' | 'purchases' | 'service_records') => {
  const guess = guessMapping(headers, kind ? { kind } : {});
  return { kind: guess.mapping.kind, fields: guess.columns.map((c) => c.field), guess };
};

describe('guessing the mapping from headers', () => {
  it('reads a Chinese customer list', () => {
    const { kind, fields, guess } = fieldsOf(['客户编号', '客户姓名', '性别', '手机号码', '客户等级', '所在城市', '方便联系时间', '标签', '备注']);
    expect(kind).toBe('customers');
    // 备注 is kept: the remarks on a customer were dropped before.
    expect(fields).toEqual(['customerNo', 'name', 'gender', 'phone', 'tier', 'city', 'contactWindow', 'tags', 'remarks']);
    expect(guess.problems).toEqual([]);
    expect(guess.confidence).toBe(1);
  });

  it('reads a Chinese delivery list with the customer in it', () => {
    const { kind, fields } = fieldsOf(['客户名称', '联系电话', '产品型号', '序列号', '购买日期', '送货日期', '保修截止', '产品线']);
    expect(kind).toBe('purchases');
    expect(fields).toEqual(['name', 'phone', 'model', 'serialNo', 'purchaseDate', 'deliveryDate', 'warrantyEnd', 'productLine']);
  });

  it('reads a CRM export (one row per purchase, the customer repeated) as a delivery list with the customer type and remarks', () => {
    const { kind, fields } = fieldsOf(['客户编号', '客户名称', '手机', '客户类型', '性别', '城市', '产品类别', '产品型号', '序列号', '购买日期', '交付日期', '备注']);
    expect(kind).toBe('purchases');
    expect(fields).toEqual(['customerNo', 'name', 'phone', 'tier', 'gender', 'city', 'productLine', 'model', 'serialNo', 'purchaseDate', 'deliveryDate', 'remarks']);
  });

  it('reads English, full-width, spaced and decorated headers, case-insensitively', () => {
    const { kind, fields } = fieldsOf(['Customer No.', 'CUSTOMER NAME', 'Mobile', 'Model', 'Ｓ／Ｎ', 'Purchase Date', 'Installation Date', 'Warranty End']);
    expect(kind).toBe('purchases');
    expect(fields).toEqual(['customerNo', 'name', 'phone', 'model', 'serialNo', 'purchaseDate', 'deliveryDate', 'warrantyEnd']);
    const decorated = fieldsOf(['客户 编号*', '姓名（必填）', '手机号码*', '购买日期(yyyy-mm-dd)', '型号', 'SN']);
    expect(decorated.fields).toEqual(['customerNo', 'name', 'phone', 'purchaseDate', 'model', 'serialNo']);
    expect(decorated.guess.columns[3]?.confidence).toBe(0.95);
  });

  it('reads traditional Chinese headers', () => {
    const { fields } = fieldsOf(['客戶編號', '客戶名稱', '聯絡電話', '產品型號', '序號', '購買日期', '安裝日期']);
    expect(fields).toEqual(['customerNo', 'name', 'phone', 'model', 'serialNo', 'purchaseDate', 'deliveryDate']);
  });

  it('finds a known name inside a longer header, with lower confidence', () => {
    const { fields, guess } = fieldsOf(['客户姓名', '客户手机号', '产品型号规格', '序列号', '购买日期']);
    expect(fields).toEqual(['name', 'phone', 'model', 'serialNo', 'purchaseDate']);
    expect(guess.columns[1]?.confidence).toBeGreaterThan(0.6);
    expect(guess.columns[1]?.confidence).toBeLessThan(0.9);
  });

  it('does not read generic words inside other headers (产品名称 is not the customer name)', () => {
    const { kind, fields } = fieldsOf(['客户姓名', '手机', '产品名称', '客户等级']);
    expect(kind).toBe('customers');
    expect(fields).toEqual(['name', 'phone', null, 'tier']);
    expect(fieldsOf(['产品名称', '手机'], 'purchases').fields).toEqual(['model', 'phone']);
  });

  it('gives each field one column: of two phone columns the mobile wins, the other stays unmapped', () => {
    const { fields } = fieldsOf(['姓名', '联系电话', '手机', '城市']);
    expect(fields).toEqual(['name', null, 'phone', 'city']);
  });

  it('reads a service record list', () => {
    const { kind, fields } = fieldsOf(['工单号', '客户编号', '服务类型', '结单时间', '满意度', '问题描述']);
    expect(kind).toBe('service_records');
    expect(fields).toEqual(['recordNo', 'customerNo', 'serviceKind', 'closedAt', 'satisfaction', 'summary']);
  });

  it('names what is missing', () => {
    const { guess } = fieldsOf(['客户名称', '产品型号', '购买日期'], 'purchases');
    expect(guess.problems).toEqual([
      'no column is mapped to serialNo, which a purchases list needs',
      'no column is mapped to customerNo or phone; one of them is needed to find the customer',
    ]);
  });

  it('finds nothing in unrelated headers', () => {
    const { guess, fields } = fieldsOf(['foo', 'bar', '123']);
    expect(fields).toEqual([null, null, null]);
    expect(guess.confidence).toBe(0);
  });

  it('normalises headers for comparison', () => {
    expect(normalizeHeader(' Ｃｕｓｔｏｍｅｒ　Ｎｏ． ')).toBe('customerno');
    expect(normalizeHeader('联系-电话（手机）')).toBe('联系电话手机');
  });
});

describe('the header row', () => {
  it('skips a title and a blank line above the header', () => {
    const rows = [
      { row: 1, cells: ['客户信息导出 2026-03-05'] },
      { row: 2, cells: [] },
      { row: 3, cells: ['客户编号', '客户名称', '联系电话'] },
      { row: 4, cells: ['C001', '张三', '13812345678'] },
    ];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it('is null when no cell is a known column name', () => {
    expect(findHeaderRow([{ row: 1, cells: ['a', 'b'] }])).toBeNull();
  });
});

describe('a mapping as data', () => {
  const mapping: ColumnMapping = {
    kind: 'customers',
    headerRow: 1,
    columns: { name: { index: 0, header: '姓名' }, phone: { index: 1, header: '手机' } },
    dayMonthOrder: 'reject',
  };

  it('round-trips through JSON (so it can be remembered per source)', () => {
    expect(parseColumnMapping(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
    expect(parseColumnMapping({ ...mapping, dayMonthOrder: undefined })).toEqual(mapping);
  });

  it('refuses a field of another kind, a column used twice and unknown keys', () => {
    const bad = { ...mapping, columns: { ...mapping.columns, serialNo: { index: 1, header: '手机' } } };
    expect(() => parseColumnMapping(bad)).toThrow(ImportError);
    try {
      parseColumnMapping(bad);
    } catch (error) {
      expect((error as ImportError).code).toBe('invalid_mapping');
      expect((error as ImportError).details).toEqual([
        'columns.serialNo: serialNo is not a field of a customers list',
        'columns.serialNo: column 2 is mapped to both phone and serialNo',
      ]);
    }
    expect(() => parseColumnMapping({ ...mapping, extra: 1 })).toThrow(ImportError);
  });

  it('lists required fields without a column', () => {
    expect(mappingProblems({ ...mapping, columns: { name: mapping.columns.name } })).toEqual(['no column is mapped to phone, which a customers list needs']);
  });

  it('follows columns that moved, by their header', () => {
    const { mapping: moved, moved: which, missing } = reapplyMapping(mapping, ['城市', '手机', '姓名']);
    expect(moved.columns).toEqual({ name: { index: 2, header: '姓名' }, phone: { index: 1, header: '手机' } });
    expect(which).toEqual(['name']);
    expect(missing).toEqual([]);
    expect(reapplyMapping(mapping, ['姓名', '电话']).missing).toEqual(['phone']);
  });
});
