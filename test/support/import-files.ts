/**
 * Real CRM-export files for the import tests and the benchmark, written into a folder the caller
 * owns (useTempDirs()): CSV in UTF-8 (with or without BOM), GBK/GB18030, Big5 and UTF-16LE, XLSX
 * with date serials, formulas, error cells, several sheets, and 100k-row generators for both.
 *
 *   writeCsv(dir, name, rows, { encoding?, delimiter?, eol? }): path
 *   writeXlsx(dir, name, sheets, { date1904? }): Promise<path>
 *   writeBytes(dir, name, bytes): path
 *   writeZip(dir, name, entries): path     a ZIP of stored entries in the given order (hand-made XLSX parts)
 *   DELIVERY_HEADERS, deliveryRow(i, asOf), writeBigCsv(dir, rows, { asOf, ... }), writeBigXlsx(dir, rows, { asOf, ... })
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'gb18030' | 'big5' | 'utf-16le-bom';

function csvField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(rows: readonly (readonly string[])[], delimiter = ',', eol = '\r\n'): string {
  return rows.map((row) => row.map((cell) => csvField(cell, delimiter)).join(delimiter)).join(eol) + eol;
}

export function encodeText(text: string, encoding: CsvEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    default:
      return iconv.encode(text, encoding);
  }
}

export function writeCsv(
  dir: string,
  name: string,
  rows: readonly (readonly string[])[],
  options: { encoding?: CsvEncoding; delimiter?: string; eol?: string } = {},
): string {
  const path = join(dir, name);
  writeFileSync(path, encodeText(csvText(rows, options.delimiter ?? ',', options.eol ?? '\r\n'), options.encoding ?? 'utf-8'));
  return path;
}

export function writeBytes(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A cell of a test workbook: a plain value, a date (written as a serial with a date format), a formula or an error. */
export type XlsxCell =
  | string
  | number
  | boolean
  | null
  | { date: number; format?: string }
  | { formula: string; result?: string | number | boolean | { error: string } }
  | { error: string };

export interface XlsxSheet {
  name: string;
  rows: readonly (readonly XlsxCell[])[];
  hidden?: boolean;
}

export async function writeXlsx(dir: string, name: string, sheets: readonly XlsxSheet[], options: { date1904?: boolean } = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  if (options.date1904) workbook.properties.date1904 = true;
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, spec.hidden ? { state: 'hidden' } : {});
    spec.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        if (cell === null) return;
        const target = sheet.getCell(r + 1, c + 1);
        if (typeof cell === 'object' && 'date' in cell) {
          target.value = cell.date;
          target.numFmt = cell.format ?? 'yyyy-mm-dd';
        } else {
          target.value = cell as ExcelJS.CellValue;
        }
      });
    });
  }
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** The header of the generated delivery export (purchases with the customer's name and phone). */
export const DELIVERY_HEADERS = ['客户编号', '客户名称', '联系电话', '城市', '产品线', '产品型号', '序列号', '购买日期', '交付日期', '保修截止'] as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛'];
const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '成都', '武汉', '南京'];
const LINES = [
  ['空调', 'KFR-35GW'],
  ['冰箱', 'BCD-520W'],
  ['洗衣机', 'XQG100-B14'],
  ['热水器', 'JSQ30-16'],
  ['净水器', 'MRO-1081'],
] as const;

export interface DeliveryRow {
  customerNo: string;
  name: string;
  phone: string;
  city: string;
  productLine: string;
  model: string;
  serialNo: string;
  purchaseDate: string;
  deliveryDate: string;
  warrantyEnd: string;
}

const DAY_MS = 86_400_000;

/**
 * Row i of the generated export: about 1.5 purchases per customer, every serial number unique.
 * Dates are relative to `asOf` (the test's clock, epoch ms): purchases 11 to 130 days before it
 * and deliveries 1 to 10 days after the purchase, so the stable (+30) and long-term (+90)
 * callbacks of most rows lie ahead of that day, whatever the calendar says today.
 */
export function deliveryRow(i: number, asOf: number): DeliveryRow {
  const customer = Math.floor(i / 1.5);
  const line = LINES[i % LINES.length] ?? LINES[0];
  const day = Math.floor(asOf / DAY_MS) * DAY_MS;
  const purchase = new Date(day - (11 + ((i * 7919) % 120)) * DAY_MS);
  const delivery = new Date(purchase.getTime() + (1 + (i % 10)) * DAY_MS);
  const warranty = new Date(Date.UTC(purchase.getUTCFullYear() + 3, purchase.getUTCMonth(), purchase.getUTCDate()));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    customerNo: `C${String(customer).padStart(7, '0')}`,
    name: `${SURNAMES[customer % SURNAMES.length]}${GIVEN[(customer * 7) % GIVEN.length]}${GIVEN[(customer * 11) % GIVEN.length]}`,
    phone: `13${String(800_000_000 + customer).padStart(9, '0')}`,
    city: CITIES[customer % CITIES.length] ?? '上海',
    productLine: line[0],
    model: line[1],
    serialNo: `SN${String(i).padStart(9, '0')}`,
    purchaseDate: iso(purchase),
    deliveryDate: iso(delivery),
    warrantyEnd: iso(warranty),
  };
}

/** As an export writes it: dates as 2026/3/5 in CSV. */
function deliveryCsvCells(row: DeliveryRow): string[] {
  const slash = (date: string) => date.replace(/-0?/g, '/');
  return [row.customerNo, row.name, row.phone, row.city, row.productLine, row.model, row.serialNo, slash(row.purchaseDate), slash(row.deliveryDate), slash(row.warrantyEnd)];
}

export async function writeBigCsv(dir: string, rows: number, options: { asOf: number; encoding?: CsvEncoding; name?: string }): Promise<string> {
  const path = join(dir, options.name ?? `deliveries-${rows}.csv`);
  const encoding = options.encoding ?? 'utf-8-bom';
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(encodeText(text, encoding === 'utf-8-bom' ? 'utf-8' : encoding), (error) => (error ? reject(error) : resolve()));
    });
  if (encoding === 'utf-8-bom') await new Promise<void>((resolve) => out.write(Buffer.from([0xef, 0xbb, 0xbf]), () => resolve()));
  await write(csvText([[...DELIVERY_HEADERS]]));
  const chunk = 5000;
  for (let start = 0; start < rows; start += chunk) {
    const lines: string[][] = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) lines.push(deliveryCsvCells(deliveryRow(i, options.asOf)));
    await write(csvText(lines));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return path;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
function serialOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000);
}

/** Like Excel writes it: shared strings, phones as numbers, dates as serials with a date format. */
export async function writeBigXlsx(dir: string, rows: number, options: { asOf: number; name?: string }): Promise<string> {
  const path = join(dir, options.name ?? `deliveries-${rows}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('交付清单');
  sheet.addRow([...DELIVERY_HEADERS]).commit();
  for (let i = 0; i < rows; i++) {
    const r = deliveryRow(i, options.asOf);
    const row = sheet.addRow([r.customerNo, r.name, Number(r.phone), r.city, r.productLine, r.model, r.serialNo, serialOf(r.purchaseDate), serialOf(r.deliveryDate), serialOf(r.warrantyEnd)]);
    for (const column of [8, 9, 10]) row.getCell(column).numFmt = 'yyyy/m/d';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  return path;
}

/** A ZIP archive with the entries stored (not compressed), in the order given. */
export function writeZip(dir: string, name: string, entries: readonly (readonly [string, string | Buffer])[]): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [fileName, content] of entries) {
    const nameBytes = Buffer.from(fileName, 'utf8');
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([...locals, ...centrals, end]));
  return path;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
