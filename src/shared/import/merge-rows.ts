/**
 * Merging the rows of one entity (the rules are in clean-rows.ts): the first row's non-empty
 * value of each field is kept, a different later value is a merge_conflict warning, tags are
 * united, and a later row that names another customer for the same serial number or record is
 * an error instead.
 *
 * Public API:
 *   mergeRecords(mapping, accepted, issues, failedRows): Sourced<AnyRecord>[]
 *   displayValue(value): string     a merged value as an issue's params name it
 */
import { customerKeyOf, type AnyRecord, type CleanCustomer, type CleanPurchase, type CleanServiceRecord, type Sourced } from './clean-records';
import { KIND_FIELDS, type ColumnMapping, type ImportField, type ImportKind } from './column-mapping';
import { columnLetter, type RowIssue } from './import-error';

function entityKey(kind: ImportKind, record: AnyRecord): string {
  if (kind === 'customers') return customerKeyOf(record as CleanCustomer) ?? '';
  if (kind === 'purchases') return `serial:${(record as CleanPurchase).serialNo}`;
  const service = record as CleanServiceRecord;
  if (service.recordNo) return `record:${service.recordNo}`;
  return `service:${customerKeyOf(service)}|${service.kind}|${service.closedOn}|${service.serialNo ?? ''}`;
}

/** Fields whose disagreement means the rows are about different customers: an error, not a warning. */
const OWNER_FIELDS = new Set(['customerNo', 'phone']);

/** Groups accepted rows by entity, in first-row order; rows left out are added to failedRows. */
export function mergeRecords(mapping: ColumnMapping, accepted: Sourced<AnyRecord>[], issues: RowIssue[], failedRows: Set<number>): Sourced<AnyRecord>[] {
  const groups = new Map<string, Sourced<AnyRecord>>();
  const order: Sourced<AnyRecord>[] = [];
  const kind = mapping.kind;
  // Phone-only customer rows join the numbered customer with that phone when there is exactly one.
  const numberedByPhone = new Map<string, string[]>();
  if (kind === 'customers') {
    for (const { record } of accepted) {
      const customer = record as CleanCustomer;
      if (!customer.customerNo) continue;
      const keys = numberedByPhone.get(customer.phone) ?? [];
      const key = `no:${customer.customerNo}`;
      if (!keys.includes(key)) keys.push(key);
      numberedByPhone.set(customer.phone, keys);
    }
  }
  for (const item of accepted) {
    let key = entityKey(kind, item.record);
    if (kind === 'customers' && !(item.record as CleanCustomer).customerNo) {
      const numbered = numberedByPhone.get((item.record as CleanCustomer).phone);
      if (numbered?.length === 1 && numbered[0]) key = numbered[0];
    }
    const group = groups.get(key);
    if (!group) {
      // The accepted items are this cleaner's own: merged into in place, not copied.
      groups.set(key, item);
      order.push(item);
      continue;
    }
    const row = item.rows[0] ?? 0;
    if (mergeInto(mapping, group, item.record, row, issues)) group.rows.push(row);
    else failedRows.add(row);
  }
  return order;
}

/** Merges `next` (from `row`) into the group; false when the row must be left out. */
function mergeInto(mapping: ColumnMapping, group: Sourced<AnyRecord>, next: AnyRecord, row: number, issues: RowIssue[]): boolean {
  const target = group.record as unknown as Record<string, unknown>;
  const incoming = next as unknown as Record<string, unknown>;
  const first = group.rows[0] ?? 0;
  const conflicts: RowIssue[] = [];
  let ownerConflict = false;
  for (const [field, value] of Object.entries(incoming)) {
    if (value === null) continue;
    const current = target[field];
    // A second order number for the same purchase is not reported: the report would show the number.
    if (field === 'tags' || field === 'proofNo') continue;
    if (current === null || current === undefined) continue;
    if (JSON.stringify(current) === JSON.stringify(value)) continue;
    const column = columnFor(mapping, field);
    const owner = mapping.kind !== 'customers' && OWNER_FIELDS.has(field);
    if (owner) ownerConflict = true;
    conflicts.push({
      row,
      column: column?.header ?? null,
      cell: column ? `${columnLetter(column.index)}${row}` : null,
      severity: owner ? 'error' : 'warning',
      code: 'merge_conflict',
      params: { field, value: displayValue(value), firstRow: first, firstValue: displayValue(current) },
      reason: owner
        ? `row ${first} gives ${field} ${show(current)} for the same ${mapping.kind === 'purchases' ? 'serial number' : 'record'}, this row ${show(value)}; which customer is right cannot be guessed`
        : `row ${first} is the same ${mapping.kind === 'customers' ? 'customer' : 'entry'} with ${field} ${show(current)}; this row's ${show(value)} is not used`,
    });
  }
  // A row left out has no merge warnings: only why it was left out.
  issues.push(...(ownerConflict ? conflicts.filter((c) => c.severity === 'error') : conflicts));
  if (ownerConflict) return false;
  for (const [field, value] of Object.entries(incoming)) {
    if (value === null) continue;
    if (field === 'tags') {
      const tags = (target.tags as string[] | null) ?? [];
      target.tags = [...new Set([...tags, ...(value as string[])])];
    } else if (target[field] === null || target[field] === undefined) {
      target[field] = value;
    }
  }
  return true;
}

function columnFor(mapping: ColumnMapping, field: string): { index: number; header: string } | undefined {
  const mapped = field === 'closedOn' || field === 'closedAt' ? 'closedAt' : field === 'satisfactionScore' || field === 'rating' ? 'satisfaction' : field === 'phoneExtension' ? 'phone' : field;
  return KIND_FIELDS[mapping.kind].some((spec) => spec.field === mapped) ? mapping.columns[mapped as ImportField] : undefined;
}

/** A value as the translated text names it: text as is, tags joined, a contact window as 09:00-12:00. */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object' && 'start' in value && 'end' in value) {
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return `${hhmm(Number(value.start))}-${hhmm(Number(value.end))}`;
  }
  return JSON.stringify(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}
