/**
 * Raw rows + a column mapping -> clean records of one kind, with every problem named by row and
 * column. Pure and incremental: a reader feeds batches with add(), finish() merges.
 *
 * Public API:
 *   createRowCleaner(mapping, options?): RowCleaner     add(rows) as they are read, finish() once
 *   cleanRows(mapping, rows, options?): CleanImport     the same in one call
 *   CleanImport, CleanOptions
 *   CleanCustomer, CleanPurchase, CleanServiceRecord, Sourced<T>, customerKeyOf   (from clean-records.ts)
 *
 * Rules:
 * - Rows up to the header row are not data. Blank rows are counted and otherwise ignored.
 * - A row with any error (a required value missing, a value that cannot be read, a cell holding
 *   #N/A or a formula without a saved result) is left out entirely and each error is listed;
 *   warnings (an extension split off, a second phone number ignored, a merge conflict) keep the row.
 * - "Not in the file" is null, so an update never blanks a value the file did not mention.
 * - Exact duplicates (rows equal once cleaned: "138 1234 5678" equals "13812345678") are skipped
 *   and listed with the row they repeat.
 * - The same entity under several rows is merged (customers by customer number, else by phone;
 *   a row with a phone only joins the one numbered customer with that phone; purchases by serial
 *   number; service records by record number, else by customer + kind + closing date + serial).
 *   For each field the first row's non-empty value is kept and a differing later value is a
 *   merge_conflict warning; tags are united. A later row naming another customer for the same
 *   serial number or record is an error instead: which customer is right cannot be guessed.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { cleanDateCell, DEFAULT_TIME_ZONE, type DateResult } from './clean-date';
import { cleanPhone } from './clean-phone';
import { cleanText } from './clean-text';
import {
  cleanContactWindow,
  cleanGender,
  cleanIdentifier,
  cleanSatisfaction,
  cleanServiceKind,
  cleanTags,
  type Cleaned,
} from './clean-values';
import type { AnyRecord, CleanCustomer, CleanPurchase, CleanServiceRecord, Sourced } from './clean-records';
import { mappingProblems, type ColumnMapping, type ImportField, type ImportKind } from './column-mapping';
import { columnLetter, ImportError, type RowIssue, type RowIssueCode } from './import-error';
import { mergeRecords } from './merge-rows';
import { cellToText, isBlankCell, isBlankRow, isCellProblem, type RawCell, type RawRow } from './raw-cell';
import { createTierLookup, withChoices, type TierChoices, type TierLookup, type TierSynonyms, type TierValueCount } from './tier-synonyms';

export { customerKeyOf, type CleanCustomer, type CleanPurchase, type CleanServiceRecord, type Sourced } from './clean-records';

export interface CleanOptions {
  /** The service centre's IANA zone: times in the file are local to it. */
  timeZone?: string;
  /** Region for numbers written without a country code. */
  phoneRegion?: CountryCode;
  /** The workbook uses the 1904 date system (the XLSX reader says so). */
  date1904?: boolean;
  /** How customer types are written (the setting, or the shipped default); without it no type is known. */
  tierSynonyms?: TierSynonyms;
  /** This file's own spellings, chosen in the mapping step; they win over the table. */
  tierChoices?: TierChoices;
}

interface CleanCommon {
  mapping: ColumnMapping;
  issues: RowIssue[];
  /** Rows skipped as exact duplicates of an earlier row. */
  duplicates: { row: number; duplicateOf: number }[];
  /**
   * Every value of the customer-type column and its tier; null: not in the table. An unknown
   * value is reported here once, with its rows, and leaves the tier unset: it fails no row.
   */
  tierValues: TierValueCount[];
  stats: { dataRows: number; blankRows: number; failedRows: number; duplicateRows: number; mergedRows: number };
}

export type CleanImport =
  | (CleanCommon & { kind: 'customers'; records: Sourced<CleanCustomer>[] })
  | (CleanCommon & { kind: 'purchases'; records: Sourced<CleanPurchase>[] })
  | (CleanCommon & { kind: 'service_records'; records: Sourced<CleanServiceRecord>[] });

export interface RowCleaner {
  add(rows: readonly RawRow[]): void;
  finish(): CleanImport;
  readonly dataRows: number;
}

export function cleanRows(mapping: ColumnMapping, rows: readonly RawRow[], options: CleanOptions = {}): CleanImport {
  const cleaner = createRowCleaner(mapping, options);
  cleaner.add(rows);
  return cleaner.finish();
}

/** Reads one row's mapped cells, collecting issues against the row. */
class RowReader {
  readonly issues: RowIssue[] = [];
  failed = false;
  private readonly fieldsWithErrors = new Set<ImportField>();

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly row: RawRow,
    private readonly tiers: TierLookup,
  ) {}

  private ref(field: ImportField): { index: number; header: string } | undefined {
    return this.mapping.columns[field];
  }

  mappingHas(field: ImportField): boolean {
    return this.ref(field) !== undefined;
  }

  issue(field: ImportField | null, severity: 'error' | 'warning', code: RowIssueCode, reason: string, params: RowIssue['params'] = {}): void {
    const ref = field ? this.ref(field) : undefined;
    if (field && severity === 'error') this.fieldsWithErrors.add(field);
    this.issues.push({
      row: this.row.row,
      column: ref ? ref.header : null,
      cell: ref ? `${columnLetter(ref.index)}${this.row.row}` : null,
      severity,
      code,
      reason,
      params: field ? { field, ...params } : params,
    });
    if (severity === 'error') this.failed = true;
  }

  /** The mapped cell, or undefined when the field is not mapped or the cell is empty; problems are reported. */
  cell(field: ImportField): RawCell | undefined {
    const ref = this.ref(field);
    if (!ref) return undefined;
    const cell = this.row.cells[ref.index];
    if (isCellProblem(cell)) {
      if (cell.problem === 'error_value') this.issue(field, 'error', 'cell_error_value', `the cell holds the error ${cell.detail}`, { value: cell.detail });
      else this.issue(field, 'error', 'cell_formula_without_result', `the cell has a formula (=${cell.detail}) with no saved result; open the file in Excel and save it, or paste values`, { value: `=${cell.detail}` });
      return undefined;
    }
    return isBlankCell(cell) ? undefined : (cell ?? undefined);
  }

  text(field: ImportField): string | null {
    const cell = this.cell(field);
    if (cell === undefined) return null;
    const value = cleanText(cellToText(cell));
    return value === '' ? null : value;
  }

  required<T>(field: ImportField, value: T | null): T | null {
    if (value === null && !this.fieldsWithErrors.has(field)) {
      this.issue(field, 'error', 'required_missing', `${field} is empty`);
    }
    return value;
  }

  cleaned<T>(field: ImportField, clean: (text: string) => Cleaned<T>): T | null {
    const text = this.text(field);
    if (text === null) return null;
    const result = clean(text);
    if (result.ok) return result.value;
    this.issue(field, 'error', 'invalid_value', result.reason, { value: text });
    return null;
  }

  /** The customer type by the synonym table; an unknown one is tallied (tierValues), not an error. */
  tier(): CleanCustomer['tier'] {
    const text = this.text('tier');
    return text === null ? null : this.tiers.tierOf(text, this.row.row);
  }

  contactWindow(): CleanCustomer['contactWindow'] {
    const text = this.text('contactWindow');
    if (text === null) return null;
    const result = cleanContactWindow(text);
    if (result.ok) return result.value ?? 'any';
    this.issue('contactWindow', 'error', 'invalid_value', result.reason, { value: text });
    return null;
  }

  identifier(field: ImportField): string | null {
    const text = this.text(field);
    if (text === null) return null;
    const result = cleanIdentifier(text);
    if (result.ok) return result.value === '' ? null : result.value;
    this.issue(field, 'error', result.reason.includes('scientific') ? 'scientific_notation' : 'invalid_value', result.reason, { value: text });
    return null;
  }

  phone(field: ImportField, region: CountryCode): { phone: string; extension: string | null } | null {
    const text = this.text(field);
    if (text === null) return null;
    const result = cleanPhone(text, region);
    if (!result.ok) {
      this.issue(field, 'error', result.code, result.reason, { value: text });
      return null;
    }
    if (result.extension) this.issue(field, 'warning', 'phone_extension_split', `extension ${result.extension} was split off "${text}"; the number is stored without it`, { value: text, extension: result.extension });
    if (result.ignored.length > 0) this.issue(field, 'warning', 'several_phones', `the cell holds several numbers; ${result.phone} is used, ${result.ignored.join(', ')} not`, { value: text, used: result.phone, ignored: result.ignored.join(', ') });
    return { phone: result.phone, extension: result.extension };
  }

  date(field: ImportField, options: CleanOptions): Extract<DateResult, { ok: true }> | null {
    const cell = this.cell(field);
    if (cell === undefined) return null;
    const raw = typeof cell === 'number' ? cell : cleanText(cellToText(cell));
    const result = cleanDateCell(raw, { dayMonthOrder: this.mapping.dayMonthOrder, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, date1904: options.date1904 ?? false });
    if (result.ok) return result;
    this.issue(field, 'error', result.code, result.reason, { value: String(raw) });
    return null;
  }
}

function readCustomer(r: RowReader, options: CleanOptions): CleanCustomer | null {
  const region = options.phoneRegion ?? 'CN';
  const customerNo = r.identifier('customerNo');
  const name = r.required('name', r.text('name'));
  const phone = r.required('phone', r.phone('phone', region));
  const gender = r.cleaned('gender', cleanGender);
  const tier = r.tier();
  const city = r.text('city');
  const contactWindow = r.contactWindow();
  const tags = r.cleaned('tags', cleanTags);
  const remarks = r.text('remarks');
  if (r.failed || name === null || phone === null) return null;
  return { customerNo, name, phone: phone.phone, phoneExtension: phone.extension, gender, tier, city, contactWindow, tags, remarks };
}

function readCustomerKey(r: RowReader, options: CleanOptions): { customerNo: string | null; phone: string | null } {
  const customerNo = r.identifier('customerNo');
  const phone = r.phone('phone', options.phoneRegion ?? 'CN')?.phone ?? null;
  if (customerNo === null && phone === null && !r.failed) {
    r.issue(r.mappingHas('customerNo') ? 'customerNo' : 'phone', 'error', 'required_missing', 'the customer number and the phone are both empty; one is needed to find the customer', { field: 'customerNo|phone' });
  }
  return { customerNo, phone };
}

function readPurchase(r: RowReader, options: CleanOptions): CleanPurchase | null {
  const key = readCustomerKey(r, options);
  const name = r.text('name');
  const city = r.text('city');
  const gender = r.cleaned('gender', cleanGender);
  const tier = r.tier();
  const contactWindow = r.contactWindow();
  const tags = r.cleaned('tags', cleanTags);
  const remarks = r.text('remarks');
  const productLine = r.text('productLine');
  const model = r.required('model', r.text('model'));
  const serialNo = r.required('serialNo', r.identifier('serialNo'));
  const purchaseDate = r.required('purchaseDate', r.date('purchaseDate', options));
  const deliveryDate = r.date('deliveryDate', options);
  const warrantyEnd = r.date('warrantyEnd', options);
  const proofNo = r.text('proofNo');
  // Local dates as yyyy-MM-dd compare as strings. A product is not delivered before it is bought:
  // one of the two dates is wrong, and the callbacks would be planned from the wrong one.
  if (purchaseDate && deliveryDate && deliveryDate.date < purchaseDate.date) {
    r.issue('deliveryDate', 'error', 'delivery_before_purchase', `the delivery date ${deliveryDate.date} is before the purchase date ${purchaseDate.date}`, {
      deliveryDate: deliveryDate.date,
      purchaseDate: purchaseDate.date,
    });
  }
  if (r.failed || model === null || serialNo === null || purchaseDate === null) return null;
  // No spread here: an object literal that starts with a spread is built slowly, row after row.
  return {
    customerNo: key.customerNo,
    phone: key.phone,
    name,
    city,
    gender,
    tier,
    contactWindow,
    tags,
    remarks,
    productLine,
    model,
    serialNo,
    purchaseDate: purchaseDate.date,
    deliveryDate: deliveryDate?.date ?? null,
    warrantyEnd: warrantyEnd?.date ?? null,
    proofNo,
  };
}

function readServiceRecord(r: RowReader, options: CleanOptions): CleanServiceRecord | null {
  const recordNo = r.identifier('recordNo');
  const key = readCustomerKey(r, options);
  const serialNo = r.identifier('serialNo');
  const kind = r.required('serviceKind', r.cleaned('serviceKind', cleanServiceKind));
  const closed = r.required('closedAt', r.date('closedAt', options));
  const satisfaction = r.cleaned('satisfaction', cleanSatisfaction);
  const summary = r.text('summary');
  if (r.failed || kind === null || closed === null) return null;
  return {
    recordNo,
    customerNo: key.customerNo,
    phone: key.phone,
    serialNo,
    kind,
    closedOn: closed.date,
    closedAt: closed.instant,
    satisfactionScore: satisfaction?.score ?? null,
    rating: satisfaction?.rating ?? null,
    summary,
  };
}

const READERS: Record<ImportKind, (r: RowReader, options: CleanOptions) => AnyRecord | null> = {
  customers: readCustomer,
  purchases: readPurchase,
  service_records: readServiceRecord,
};

export function createRowCleaner(mapping: ColumnMapping, options: CleanOptions = {}): RowCleaner {
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new ImportError('invalid_mapping', `the column mapping is incomplete: ${problems[0]}`, problems);
  const read = READERS[mapping.kind];
  const tiers = createTierLookup(withChoices(options.tierSynonyms ?? { new: [], regular: [], high_value: [] }, options.tierChoices));
  const issues: RowIssue[] = [];
  const duplicates: { row: number; duplicateOf: number }[] = [];
  // Exact duplicates by a 53-bit hash of the cleaned record, confirmed by comparing the records:
  // keeping 100k fingerprint strings would double the memory of a big file.
  const seen = new Map<number, number[]>();
  const accepted: Sourced<AnyRecord>[] = [];
  const failedRows = new Set<number>();
  let dataRows = 0;
  let blankRows = 0;

  return {
    get dataRows() {
      return dataRows;
    },
    add(rows) {
      for (const row of rows) {
        if (row.row <= mapping.headerRow) continue;
        if (isBlankRow(row.cells)) {
          blankRows++;
          continue;
        }
        dataRows++;
        const reader = new RowReader(mapping, row, tiers);
        const record = read(reader, options);
        issues.push(...reader.issues);
        if (!record) {
          failedRows.add(row.row);
          continue;
        }
        const fingerprint = JSON.stringify(record);
        const hash = cyrb53(fingerprint);
        const candidates = seen.get(hash);
        const first = candidates?.map((index) => accepted[index]).find((other) => other && JSON.stringify(other.record) === fingerprint);
        if (first) {
          duplicates.push({ row: row.row, duplicateOf: first.rows[0] ?? 0 });
          continue;
        }
        if (candidates) candidates.push(accepted.length);
        else seen.set(hash, [accepted.length]);
        accepted.push({ rows: [row.row], record });
      }
    },
    finish() {
      const merged = mergeRecords(mapping, accepted, issues, failedRows);
      const stats = {
        dataRows,
        blankRows,
        failedRows: failedRows.size,
        duplicateRows: duplicates.length,
        mergedRows: merged.reduce((n, m) => n + m.rows.length - 1, 0),
      };
      issues.sort((a, b) => a.row - b.row || (a.cell ?? '').localeCompare(b.cell ?? ''));
      return { kind: mapping.kind, mapping, records: merged, issues, duplicates, tierValues: tiers.values(), stats } as CleanImport;
    },
  };
}

/** cyrb53 (public domain, bryc): a fast 53-bit string hash. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
