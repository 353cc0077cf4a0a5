import { describe, expect, it } from 'vitest';
import { cleanRows } from '../../../src/shared/import/clean-rows';
import { guessMapping } from '../../../src/shared/import/column-mapping';
import { planImport } from '../../../src/shared/import/dry-run';
import type { RawCell } from '../../../src/shared/import/raw-cell';
import { MemoryStore } from './memory-store';
import { SHIPPED_TIERS } from './tier-table';

function cleanTable(rows: RawCell[][], kind?: 'customers' | 'purchases' | 'service_records') {
  const { mapping } = guessMapping((rows[0] ?? []).map(String), kind ? { kind } : {});
  return cleanRows(mapping, rows.map((cells, i) => ({ row: i + 1, cells })), { tierSynonyms: SHIPPED_TIERS });
}

const CUSTOMERS: RawCell[][] = [
  ['客户编号', '客户姓名', '联系电话', '性别', '客户等级', '城市', '标签'],
  ['C001', '张三', '138 1234 5678', '男', 'VIP', '上海', '空调'],
  ['C002', '李四', '+86 139-0000-0000', '女', '普通', '北京', ''],
  ['C002', '李四', '13900000000', '女', '普通', '北京', ''],
  ['C003', '王五', '12345', '', '', '', ''],
  ['C004', '赵六', '13700000000', '', '', '杭州', '净水器'],
];

describe('the dry run', () => {
  it('plans creates and updates, skips what is unchanged and duplicates, and lists failing rows as the user numbers them', () => {
    const store = new MemoryStore();
    store.addCustomer({ customerNo: 'C002', name: '李四', phone: '13900000000', gender: 'female', tier: 'regular', city: '北京' });
    store.addCustomer({ customerNo: 'C004', name: '赵六', phone: '+86 137 0000 0000', city: '上海', tags: ['老客户'] });
    const plan = planImport(cleanTable(CUSTOMERS), store);

    expect(plan.create.map((c) => [c.entity, c.key, c.rows])).toEqual([['customer', 'no:C001', [2]]]);
    expect(plan.update.map((u) => [u.key, u.rows, u.changes])).toEqual([
      [
        'no:C004',
        [6],
        [
          { field: 'city', from: '上海', to: '杭州' },
          { field: 'tags', from: ['老客户'], to: ['老客户', '净水器'] },
        ],
      ],
    ]);
    expect(plan.skip).toEqual([
      { reason: 'duplicate_row', rows: [4], duplicateOf: 3 },
      { reason: 'unchanged', entity: 'customer', key: 'no:C002', rows: [3], existingId: expect.any(String) },
    ]);
    expect(plan.errors).toEqual([
      { row: 5, column: '联系电话', cell: 'C5', severity: 'error', code: 'invalid_phone', reason: expect.stringContaining('"12345" is not a valid phone number'), params: { field: 'phone', value: '12345' } },
    ]);
    expect(plan.counts).toEqual({ dataRows: 5, create: 1, update: 1, skip: 2, failedRows: 1 });
  });

  it('is idempotent: after applying, the same file plans no create and no update', () => {
    const store = new MemoryStore();
    store.addCustomer({ customerNo: 'C004', name: '赵六', phone: '13700000000', city: '上海' });
    const first = planImport(cleanTable(CUSTOMERS), store);
    store.apply(first);
    const second = planImport(cleanTable(CUSTOMERS), store);
    expect(second.counts).toMatchObject({ create: 0, update: 0, failedRows: 1 });
    expect(second.skip.filter((s) => s.reason === 'unchanged')).toHaveLength(3);
    expect(store.customers.size).toBe(3);
  });

  it('matches a customer by phone when the file has no number, and refuses an ambiguous phone', () => {
    const store = new MemoryStore();
    const known = store.addCustomer({ customerNo: 'C100', name: '张三', phone: '13812345678' });
    store.addCustomer({ customerNo: 'C200', name: '王一', phone: '13600000000' });
    store.addCustomer({ customerNo: 'C201', name: '王二', phone: '136-0000-0000' });
    const plan = planImport(
      cleanTable([
        ['姓名', '手机', '城市'],
        ['张三', '+8613812345678', '深圳'],
        ['王某', '13600000000', ''],
      ]),
      store,
    );
    expect(plan.update).toEqual([expect.objectContaining({ existingId: known.id, changes: [{ field: 'city', from: '', to: '深圳' }] })]);
    expect(plan.errors).toEqual([expect.objectContaining({ row: 3, cell: 'B3', code: 'ambiguous_customer' })]);
  });

  it('creates a numbered customer that shares a stored phone, with a warning', () => {
    const store = new MemoryStore();
    store.addCustomer({ customerNo: 'C100', name: '张三', phone: '13812345678' });
    const plan = planImport(cleanTable([['客户编号', '姓名', '手机'], ['C101', '张太太', '13812345678']]), store);
    expect(plan.create).toHaveLength(1);
    expect(plan.warnings).toEqual([expect.objectContaining({ row: 2, code: 'phone_shared', reason: expect.stringContaining('C100') })]);
  });
});

describe('the dry run for purchases', () => {
  const PURCHASES: RawCell[][] = [
    ['客户编号', '客户名称', '联系电话', '产品型号', '序列号', '购买日期', '送货日期'],
    ['C001', '张三', '13812345678', 'KFR-35GW', 'SN001', '2026-03-01', '2026-03-05'],
    ['C001', '张三', '13812345678', 'BCD-520W', 'SN002', '2026/3/1', ''],
    ['C009', '', '', 'BCD-520W', 'SN003', '2026/3/1', ''],
    ['C002', '李四', '13900000000', 'XQG100', 'SN004', '2026/3/2', '2026/3/4'],
    ['C002', '李四', '13900000000', 'XQG100', 'SN005', '2026/3/2', ''],
    ['C003', '王五', '13700000000', 'XQG100', 'SN100', '2026/3/2', ''],
  ];

  it('links purchases to stored customers, creates unknown customers that have a name and phone, refuses the rest', () => {
    const store = new MemoryStore();
    const c1 = store.addCustomer({ customerNo: 'C001', name: '张三', phone: '13812345678' });
    const other = store.addCustomer({ customerNo: 'C777', name: '某人', phone: '13500000000' });
    store.addPurchase({ customerId: c1.id, productLine: '空调', model: 'KFR-35GW', serialNo: 'SN001', purchaseDate: '2026-03-01', deliveryDate: null, warrantyEnd: null });
    store.addPurchase({ customerId: other.id, productLine: '', model: 'XQG100', serialNo: 'SN100', purchaseDate: '2026-03-02', deliveryDate: null, warrantyEnd: null });
    const plan = planImport(cleanTable(PURCHASES), store);

    expect(plan.update.map((u) => [u.key, u.changes])).toEqual([['serial:SN001', [{ field: 'deliveryDate', from: null, to: '2026-03-05' }]]]);
    expect(plan.create.map((c) => [c.entity, c.key, c.rows, 'customer' in c ? c.customer : null])).toEqual([
      ['purchase', 'serial:SN002', [3], { existingId: c1.id }],
      ['purchase', 'serial:SN004', [5], { newCustomerKey: 'no:C002' }],
      ['purchase', 'serial:SN005', [6], { newCustomerKey: 'no:C002' }],
      ['customer', 'no:C002', [5, 6], null],
    ]);
    // C009 is not in the store, and no row names them: the name is missing, not the customer.
    expect(plan.errors.map((e) => [e.row, e.cell, e.code])).toEqual([
      [4, 'B4', 'name_missing'],
      [7, 'E7', 'serial_owned_by_other_customer'],
    ]);

    store.apply(plan);
    const again = planImport(cleanTable(PURCHASES), store);
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 4, failedRows: 2 });
  });
});

describe('the dry run for service records', () => {
  it('needs the customer in the store and matches by record number or by customer, kind and day', () => {
    const store = new MemoryStore();
    store.addCustomer({ customerNo: 'C001', name: '张三', phone: '13812345678' });
    const rows: RawCell[][] = [
      ['工单号', '客户编号', '服务类型', '结单时间', '满意度'],
      ['SR001', 'C001', '维修', '2026-03-01 16:30', '9'],
      ['', 'C001', '投诉', '2026-03-02', '不满意'],
      ['SR003', 'C404', '维修', '2026-03-02', ''],
    ];
    const plan = planImport(cleanTable(rows), store);
    expect(plan.create.map((c) => c.key)).toEqual(['record:SR001', expect.stringMatching(/^service:.*\|complaint\|2026-03-02\|$/)]);
    expect(plan.errors).toEqual([expect.objectContaining({ row: 4, cell: 'B4', code: 'unknown_customer' })]);
    store.apply(plan);
    expect(planImport(cleanTable(rows), store).counts).toMatchObject({ create: 0, update: 0, skip: 2 });
    rows[1] = ['SR001', 'C001', '维修', '2026-03-01 16:30', '7'];
    expect(planImport(cleanTable(rows), store).update.map((u) => u.changes)).toEqual([[{ field: 'satisfactionScore', from: 9, to: 7 }]]);
  });
});
