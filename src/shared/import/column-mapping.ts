/**
 * Column mapping: which column of a CRM export holds which field, for the three kinds of list a
 * service centre imports (customers, purchases/deliveries, service records). The mapping is data
 * (zod) so the caller can remember it per source and apply it to next month's export.
 *
 * Public API:
 *   IMPORT_KINDS / ImportKind, IMPORT_FIELDS / ImportField, KIND_FIELDS (fields per kind, required or not)
 *   ColumnMapping                  zod schema (strict) of a mapping; parseColumnMapping(raw) throws ImportError('invalid_mapping')
 *   normalizeHeader(text)          the form headers are compared in: half-width, lower case, no spaces or punctuation
 *   guessMapping(headers, { kind?, headerRow? }): MappingGuess     per column: field + confidence 0..1
 *   findHeaderRow(rows): number | null                              the row (1-based) that looks most like a header
 *   mappingProblems(mapping): string[]                              required fields without a column
 *   reapplyMapping(saved, headers): { mapping, moved, missing }     a remembered mapping on a file whose columns moved
 *
 * Guessing: a header that equals a known name (客户名称, 联系电话, Serial No. ...) after
 * normalisation scores 1; equal once a bracketed hint is dropped ("购买日期(yyyy-mm-dd)",
 * "手机*"): 0.95; containing a known name ("客户手机号码" contains 手机): 0.6..0.85 by how much of
 * the header it covers. Each field gets at most one column and each column at most one field,
 * best scores first. The kind is the one whose distinctive fields match best.
 */
import { z } from 'zod';
import { toHalfWidth } from './clean-text';
import { ImportError } from './import-error';
import { cellToText, type RawRow } from './raw-cell';

export const IMPORT_KINDS = ['customers', 'purchases', 'service_records'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

export const IMPORT_FIELDS = [
  'customerNo',
  'name',
  'phone',
  'gender',
  'tier',
  'city',
  'contactWindow',
  'tags',
  'remarks',
  'productLine',
  'model',
  'serialNo',
  'purchaseDate',
  'deliveryDate',
  'warrantyEnd',
  /** The purchase's order or invoice number: only its digest is kept (src/shared/domain/purchase-proof.ts). */
  'proofNo',
  'recordNo',
  'serviceKind',
  'closedAt',
  'satisfaction',
  'summary',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

/** 'customer_key': the row needs customerNo or phone, either column will do. */
export interface FieldSpec {
  field: ImportField;
  required: boolean | 'customer_key';
}

export const KIND_FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  customers: [
    { field: 'customerNo', required: false },
    { field: 'name', required: true },
    { field: 'phone', required: true },
    { field: 'gender', required: false },
    { field: 'tier', required: false },
    { field: 'city', required: false },
    { field: 'contactWindow', required: false },
    { field: 'tags', required: false },
    { field: 'remarks', required: false },
  ],
  // A delivery list often is a CRM export with the customer's columns repeated on each purchase
  // row: they create a customer the store does not know yet and update one it knows.
  purchases: [
    { field: 'customerNo', required: 'customer_key' },
    { field: 'phone', required: 'customer_key' },
    { field: 'name', required: false },
    { field: 'city', required: false },
    { field: 'gender', required: false },
    { field: 'tier', required: false },
    { field: 'contactWindow', required: false },
    { field: 'tags', required: false },
    { field: 'remarks', required: false },
    { field: 'productLine', required: false },
    { field: 'model', required: true },
    { field: 'serialNo', required: true },
    { field: 'purchaseDate', required: true },
    { field: 'deliveryDate', required: false },
    { field: 'warrantyEnd', required: false },
    { field: 'proofNo', required: false },
  ],
  service_records: [
    { field: 'recordNo', required: false },
    { field: 'customerNo', required: 'customer_key' },
    { field: 'phone', required: 'customer_key' },
    { field: 'serialNo', required: false },
    { field: 'serviceKind', required: true },
    { field: 'closedAt', required: true },
    { field: 'satisfaction', required: false },
    { field: 'summary', required: false },
  ],
};

/** Fields that tell one kind of list from another (the customer key fields are in every kind). */
const DISTINCTIVE: Record<ImportKind, readonly ImportField[]> = {
  customers: ['gender', 'tier', 'contactWindow', 'tags'],
  purchases: ['productLine', 'model', 'purchaseDate', 'deliveryDate', 'warrantyEnd'],
  service_records: ['recordNo', 'serviceKind', 'closedAt', 'satisfaction', 'summary'],
};

/** Known header names, best first; simplified and traditional Chinese and English, written as normalizeHeader gives them. */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  customerNo: ['客户编号', '客户编码', '客户号', '客户id', '客户代码', '会员编号', '会员号', '会员卡号', '客戶編號', '客戶編碼', '客戶代碼', '會員編號',
    'customerno', 'customernumber', 'customerid', 'customercode', 'custno', 'clientid', 'clientno', 'accountno', 'memberno', 'memberid'],
  name: ['客户名称', '客户姓名', '姓名', '客户名', '用户姓名', '用户名称', '客户', '名称', '购买人', '收货人', '联系人', '客戶名稱', '客戶姓名', '聯絡人', '聯繫人',
    'customername', 'name', 'fullname', 'customer', 'clientname', 'contactname', 'contact'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话', '联系方式', '移动电话', '电话号码', '客户电话', '联系手机', '收货人电话', '客户手机',
    '手機', '手機號碼', '聯絡電話', '聯繫電話', '電話', '行動電話',
    'mobile', 'phone', 'mobilephone', 'cellphone', 'tel', 'telephone', 'phonenumber', 'phoneno', 'mobileno', 'contactnumber', 'contactphone'],
  gender: ['性别', '性別', 'gender', 'sex'],
  tier: ['客户等级', '客户级别', '会员等级', '等级', '级别', '客户类型', '客户分类', '客戶等級', '會員等級', '等級',
    'tier', 'customertier', 'level', 'customerlevel', 'grade', 'segment', 'customertype'],
  city: ['城市', '所在城市', '所属城市', '地市', '市', '城市名称', 'city', 'town'],
  contactWindow: ['方便联系时间', '联系时间', '偏好联系时间', '首选联系时间', '可联系时间', '回访时间', '方便联系时段', '方便聯絡時間', '聯絡時間',
    'contactwindow', 'preferredtime', 'preferredcontacttime', 'besttimetocall', 'contacttime', 'calltime'],
  tags: ['标签', '客户标签', '標籤', '客戶標籤', 'tags', 'tag', 'labels'],
  remarks: ['备注', '客户备注', '备注信息', '备注说明', '说明', '備註', '客戶備註', '說明', 'remarks', 'remark', 'notes', 'note', 'comments', 'comment', 'memo'],
  productLine: ['产品线', '产品类别', '产品类型', '产品分类', '品类', '类别', '產品線', '產品類別', 'productline', 'productcategory', 'category', 'producttype'],
  model: ['产品型号', '型号', '规格型号', '机型', '产品', '产品名称', '商品型号', '產品型號', '型號', '機型', 'model', 'productmodel', 'modelno', 'modelnumber', 'product'],
  serialNo: ['序列号', 'sn', 'sn码', '产品序列号', '机身号', '机器编号', '出厂编号', '设备编号', '串号', '条码', 'imei', '序號', '序列號', '機身號',
    'serialno', 'serialnumber', 'serial'],
  purchaseDate: ['购买日期', '购买时间', '购机日期', '下单日期', '下单时间', '订单日期', '销售日期', '开票日期', '購買日期', '購買時間', '訂單日期',
    'purchasedate', 'dateofpurchase', 'orderdate', 'saledate', 'purchasedon', 'purchased'],
  deliveryDate: ['交付日期', '送货日期', '安装日期', '签收日期', '到货日期', '交货日期', '收货日期', '配送日期', '发货日期', '交付时间', '送货时间', '安装时间',
    '送貨日期', '安裝日期', '交貨日期', '簽收日期', 'deliverydate', 'installdate', 'installationdate', 'deliveredon', 'delivered', 'receiveddate', 'shipdate'],
  warrantyEnd: ['保修截止', '保修截止日期', '保修到期', '保修到期日', '保修到期日期', '保修期至', '保修结束日期', '质保截止', '质保到期', '延保到期', '保固到期', '保修截止日',
    'warrantyend', 'warrantyenddate', 'warrantyexpiry', 'warrantyexpires', 'warrantyuntil'],
  proofNo: ['订单号', '订单编号', '订单号码', '销售单号', '销售订单号', '发票号', '发票号码', '发票编号', '购买凭证', '购买凭证号', '訂單號', '訂單編號', '訂單號碼', '發票號碼', '發票號', '購買憑證',
    'orderno', 'ordernumber', 'orderid', 'invoiceno', 'invoicenumber', 'receiptno', 'proofofpurchase'],
  recordNo: ['服务单号', '工单号', '工单编号', '服务编号', '维修单号', '投诉单号', '服务记录编号', '记录编号', '单号', '工單號', '服務單號',
    'recordno', 'ticketno', 'ticketid', 'ticketnumber', 'serviceno', 'servicerecordno', 'caseno', 'caseid'],
  serviceKind: ['服务类型', '工单类型', '业务类型', '服务类别', '问题类型', '类型', '服務類型', '工單類型', 'servicetype', 'tickettype', 'casetype', 'kind', 'type'],
  closedAt: ['关闭时间', '结单时间', '完成时间', '结案时间', '办结时间', '关单时间', '完工时间', '解决时间', '关闭日期', '完成日期', '结单日期', '结案日期',
    '關閉時間', '結案時間', '完成時間', 'closedat', 'closedate', 'closeddate', 'closedon', 'closed', 'completedat', 'completiondate', 'resolvedat', 'resolutiondate'],
  satisfaction: ['满意度', '满意度评价', '满意度评分', '回访满意度', '客户评价', '评价', '评分', '滿意度', '評價', 'satisfaction', 'satisfactionscore', 'csat', 'rating', 'score'],
  summary: ['问题描述', '故障描述', '服务内容', '投诉内容', '处理结果', '描述', '备注', '問題描述', '故障描述', 'summary', 'description', 'problem', 'issue', 'notes', 'remarks', 'remark'],
};

const PUNCTUATION = /[\s_\-.:/\\*#'"`~!?,;|+()[\]{}<>@&%$^=，。、；：？！“”‘’（）【】《》「」『』·…—]/g;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]|（[^）]*）|【[^】]*】|<[^>]*>|《[^》]*》/g;
const HAS_CJK = /[\u3400-\u9fff]/;
/** Names too general to be looked for inside a longer header: 产品名称 is not a customer's 名称. */
const EXACT_ONLY = new Set([
  '客户', '名称', '产品', '类型', '类别', '单号', '等级', '级别', '评价', '评分', '描述', '备注', '联系人', '联系方式', '产品名称',
  'customer', 'contact', 'product', 'level', 'grade', 'score', 'rating', 'issue', 'notes', 'remark', 'remarks', 'closed',
  'delivered', 'purchased', 'category', 'segment', 'problem', '说明', '說明', 'note', 'memo', 'comment', 'comments',
]);

export function normalizeHeader(text: string): string {
  return toHalfWidth(text).toLowerCase().replace(PUNCTUATION, '');
}

function strippedHeader(text: string): string {
  return normalizeHeader(toHalfWidth(text).replace(BRACKETED, '').replace(/(必填|必选|可选|选填|optional|required)$/i, ''));
}

const ColumnRef = z.strictObject({
  /** 0-based column index in the file. */
  index: z.number().int().min(0).max(16_383),
  /** The header as written in the file, so the mapping can find the column again when columns move. */
  header: z.string().max(500),
});

export const ColumnMapping = z
  .strictObject({
    kind: ImportKind,
    /** The header's spreadsheet row (1-based); data starts below it. */
    headerRow: z.number().int().min(1).max(1000),
    columns: z.partialRecord(ImportField, ColumnRef),
    /** How this source writes 3/5/2026 (see clean-date.ts); 'reject' refuses such dates. */
    dayMonthOrder: z.enum(['reject', 'MDY', 'DMY']).default('reject'),
  })
  .superRefine((mapping, ctx) => {
    const allowed = new Set(KIND_FIELDS[mapping.kind].map((spec) => spec.field));
    const used = new Map<number, string>();
    for (const [field, ref] of Object.entries(mapping.columns)) {
      if (!ref) continue;
      if (!allowed.has(field as ImportField)) {
        ctx.addIssue({ code: 'custom', path: ['columns', field], message: `${field} is not a field of a ${mapping.kind} list` });
      }
      const other = used.get(ref.index);
      if (other) ctx.addIssue({ code: 'custom', path: ['columns', field], message: `column ${ref.index + 1} is mapped to both ${other} and ${field}` });
      used.set(ref.index, field);
    }
  });
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export function parseColumnMapping(raw: unknown): ColumnMapping {
  const parsed = ColumnMapping.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(mapping)'}: ${issue.message}`);
  throw new ImportError('invalid_mapping', `the column mapping is not valid: ${details[0] ?? ''}`, details);
}

export function mappingProblems(mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const specs = KIND_FIELDS[mapping.kind];
  for (const spec of specs) {
    if (spec.required === true && !mapping.columns[spec.field]) problems.push(`no column is mapped to ${spec.field}, which a ${mapping.kind} list needs`);
  }
  if (specs.some((spec) => spec.required === 'customer_key') && !mapping.columns.customerNo && !mapping.columns.phone) {
    problems.push('no column is mapped to customerNo or phone; one of them is needed to find the customer');
  }
  return problems;
}

export interface ColumnGuess {
  index: number;
  header: string;
  field: ImportField | null;
  /** 0..1; 0 when no field was found. */
  confidence: number;
}

export interface MappingGuess {
  mapping: ColumnMapping;
  columns: ColumnGuess[];
  /** Required fields (and the customer key) without a column, as mappingProblems says them. */
  problems: string[];
  /** Mean confidence of the mapped columns; 0 when nothing matched. */
  confidence: number;
  /** How well each kind matched; the highest won unless the kind was given. */
  kindScores: Record<ImportKind, number>;
}

interface Candidate {
  index: number;
  field: ImportField;
  confidence: number;
  rank: number;
}

function scoreHeader(header: string, field: ImportField): { confidence: number; rank: number } | null {
  const full = normalizeHeader(header);
  if (full === '') return null;
  const stripped = strippedHeader(header);
  const names = SYNONYMS[field];
  let best: { confidence: number; rank: number } | null = null;
  names.forEach((name, rank) => {
    let confidence = 0;
    if (full === name) confidence = 1;
    else if (stripped === name) confidence = 0.95;
    else if (!EXACT_ONLY.has(name) && (HAS_CJK.test(name) ? name.length >= 2 : name.length >= 5) && full.includes(name)) {
      confidence = Math.min(0.85, 0.6 + 0.3 * (name.length / full.length));
    }
    if (confidence > 0 && (!best || confidence > best.confidence || (confidence === best.confidence && rank < best.rank))) {
      best = { confidence, rank };
    }
  });
  return best;
}

function assign(headers: readonly string[], kind: ImportKind): Candidate[] {
  const candidates: Candidate[] = [];
  headers.forEach((header, index) => {
    for (const spec of KIND_FIELDS[kind]) {
      const score = scoreHeader(header, spec.field);
      if (score) candidates.push({ index, field: spec.field, ...score });
    }
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.rank - b.rank || a.index - b.index);
  const takenColumns = new Set<number>();
  const takenFields = new Set<ImportField>();
  const chosen: Candidate[] = [];
  for (const candidate of candidates) {
    if (takenColumns.has(candidate.index) || takenFields.has(candidate.field)) continue;
    takenColumns.add(candidate.index);
    takenFields.add(candidate.field);
    chosen.push(candidate);
  }
  return chosen;
}

function kindScore(kind: ImportKind, chosen: readonly Candidate[]): number {
  const mapped = new Set(chosen.map((c) => c.field));
  const distinctive = chosen.filter((c) => DISTINCTIVE[kind].includes(c.field)).reduce((sum, c) => sum + c.confidence, 0);
  const shared = chosen.filter((c) => !DISTINCTIVE[kind].includes(c.field)).reduce((sum, c) => sum + c.confidence, 0);
  const specs = KIND_FIELDS[kind];
  const complete =
    specs.every((spec) => spec.required !== true || mapped.has(spec.field)) &&
    (!specs.some((spec) => spec.required === 'customer_key') || mapped.has('customerNo') || mapped.has('phone'));
  return distinctive + 0.3 * shared + (complete ? 1 : 0);
}

export function guessMapping(headers: readonly string[], options: { kind?: ImportKind; headerRow?: number } = {}): MappingGuess {
  const byKind = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, assign(headers, kind)])) as Record<ImportKind, Candidate[]>;
  const kindScores = Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, kindScore(kind, byKind[kind])])) as Record<ImportKind, number>;
  const kind = options.kind ?? IMPORT_KINDS.reduce((best, k) => (kindScores[k] > kindScores[best] ? k : best), IMPORT_KINDS[0]);
  const chosen = byKind[kind];
  const columnsMap: ColumnMapping['columns'] = {};
  for (const c of chosen) columnsMap[c.field] = { index: c.index, header: headers[c.index] ?? '' };
  const mapping: ColumnMapping = { kind, headerRow: options.headerRow ?? 1, columns: columnsMap, dayMonthOrder: 'reject' };
  const byIndex = new Map(chosen.map((c) => [c.index, c]));
  const columns = headers.map((header, index) => {
    const c = byIndex.get(index);
    return { index, header, field: c?.field ?? null, confidence: c?.confidence ?? 0 };
  });
  const confidence = chosen.length === 0 ? 0 : chosen.reduce((sum, c) => sum + c.confidence, 0) / chosen.length;
  return { mapping, columns, problems: mappingProblems(mapping), confidence, kindScores };
}

/** How many cells of a row are recognisable headers of any field. */
function recognisedHeaders(row: RawRow): number {
  let count = 0;
  for (const cell of row.cells) {
    if (typeof cell !== 'string') continue;
    if (IMPORT_FIELDS.some((field) => (scoreHeader(cell, field)?.confidence ?? 0) >= 0.6)) count++;
  }
  return count;
}

/**
 * Exports often put a title ("客户信息导出 2026-03-05") or a blank line above the header: look at
 * the first 10 rows and take the one with the most recognisable headers (the first of equals).
 */
export function findHeaderRow(rows: readonly RawRow[]): number | null {
  let best: { row: number; count: number } | null = null;
  for (const row of rows.slice(0, 10)) {
    const count = recognisedHeaders(row);
    if (count > 0 && (!best || count > best.count)) best = { row: row.row, count };
  }
  return best?.row ?? null;
}

export function headersOf(row: RawRow): string[] {
  return row.cells.map((cell) => cellToText(cell).trim());
}

export function reapplyMapping(saved: ColumnMapping, headers: readonly string[]): { mapping: ColumnMapping; moved: ImportField[]; missing: ImportField[] } {
  const normalized = headers.map(normalizeHeader);
  const columns: ColumnMapping['columns'] = {};
  const moved: ImportField[] = [];
  const missing: ImportField[] = [];
  const taken = new Set<number>();
  for (const [field, ref] of Object.entries(saved.columns) as [ImportField, { index: number; header: string }][]) {
    const wanted = normalizeHeader(ref.header);
    const index = normalized[ref.index] === wanted && !taken.has(ref.index) ? ref.index : normalized.findIndex((h, i) => h === wanted && !taken.has(i));
    if (index < 0) {
      missing.push(field);
      continue;
    }
    if (index !== ref.index) moved.push(field);
    taken.add(index);
    columns[field] = { index, header: headers[index] ?? ref.header };
  }
  return { mapping: { ...saved, columns }, moved, missing };
}
