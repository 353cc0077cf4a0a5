/**
 * The dry run: clean records + what the store already holds -> what an import would create,
 * update and skip, and every row that fails with its row number and reason. Pure: the store is
 * reached through ImportLookup, which the caller implements (synchronously, e.g. over SQLite).
 *
 * Public API:
 *   planImport(clean, lookup): ImportPlan
 *   ImportLookup, ExistingServiceRecord
 *   serviceRecordKey(record, customerId): string    the key a stored service record is found by
 *   ImportPlan, PlannedCreate, PlannedUpdate, PlannedSkip, FieldChange, CustomerRef
 *
 * Idempotent by design: an update lists only fields whose value in the file differs from the
 * store, a field the file leaves empty is never a change, tags are added (never removed), and a
 * record with no change is a skip. So once a plan is applied, planning the same file again
 * gives 0 create and 0 update.
 *
 * Matching (decision):
 * - customers: by customer number when the row has one (a different number with the same phone
 *   is another customer, e.g. family members sharing a phone: created, with a phone_shared
 *   warning); by phone when it has none (several stored customers with that phone: an error).
 * - purchases: by serial number; a serial number stored for another customer is an error (moving
 *   a product between customers is not an import's decision). A purchase of a customer the store
 *   does not know creates the customer when the row has the customer's name and phone.
 * - service records: by record number, else by customer + kind + closing date + serial number;
 *   the customer must exist.
 */
import type { CustomerRecord, Purchase } from '../domain/model';
import { phoneKey } from './clean-phone';
import { customerKeyOf, type CleanCustomer, type CleanImport, type CleanPurchase, type CleanServiceRecord, type Sourced } from './clean-rows';
import type { ImportKind } from './column-mapping';
import { columnLetter, type RowIssue, type RowIssueCode } from './import-error';
import { displayValue } from './merge-rows';
import type { TierValueCount } from './tier-synonyms';

/** A stored service record: the file's fields without how the customer was named, plus ids. */
export type ExistingServiceRecord = Omit<CleanServiceRecord, 'customerNo' | 'phone'> & { id: string; customerId: string };

/** A stored customer with what only the import reads and writes (the export's remarks). */
export type StoredCustomer = CustomerRecord & { remarks: string | null };

/** What the dry run needs to know about the store. Phones are asked in the form cleanPhone gives. */
export interface ImportLookup {
  customerByNo(customerNo: string): StoredCustomer | null;
  customersByPhone(phone: string): StoredCustomer[];
  purchaseBySerial(serialNo: string): Purchase | null;
  serviceRecordByKey(key: string): ExistingServiceRecord | null;
}

/** A customer already stored, or one this plan creates (its key in the plan's customer creates). */
export type CustomerRef = { existingId: string } | { newCustomerKey: string };

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type PlannedCreate =
  | { entity: 'customer'; key: string; rows: number[]; record: CleanCustomer }
  | { entity: 'purchase'; key: string; rows: number[]; record: CleanPurchase; customer: CustomerRef }
  | { entity: 'service_record'; key: string; rows: number[]; record: CleanServiceRecord; customer: CustomerRef };

export type PlannedUpdate = PlannedCreate & { existingId: string; changes: FieldChange[] };

export type PlannedSkip =
  | { reason: 'unchanged'; entity: PlannedCreate['entity']; key: string; rows: number[]; existingId: string }
  | { reason: 'duplicate_row'; rows: number[]; duplicateOf: number };

export interface ImportPlan {
  kind: ImportKind;
  create: PlannedCreate[];
  update: PlannedUpdate[];
  skip: PlannedSkip[];
  /** Rows that will not be imported, each with its row number, column and reason. */
  errors: RowIssue[];
  /** Rows that will be imported with something the user should know. */
  warnings: RowIssue[];
  /** The customer-type values of the file and their tiers (null: not in the synonym table). */
  tierValues: TierValueCount[];
  counts: { dataRows: number; create: number; update: number; skip: number; failedRows: number };
}

export function serviceRecordKey(record: CleanServiceRecord, customerId: string): string {
  if (record.recordNo) return `record:${record.recordNo}`;
  return `service:${customerId}|${record.kind}|${record.closedOn}|${record.serialNo ?? ''}`;
}

type Found = { kind: 'found'; customer: StoredCustomer } | { kind: 'none' } | { kind: 'ambiguous'; count: number };

function findCustomer(key: { customerNo: string | null; phone: string | null }, lookup: ImportLookup): Found {
  if (key.customerNo) {
    const customer = lookup.customerByNo(key.customerNo);
    return customer ? { kind: 'found', customer } : { kind: 'none' };
  }
  if (!key.phone) return { kind: 'none' };
  const matches = lookup.customersByPhone(key.phone);
  if (matches.length === 1 && matches[0]) return { kind: 'found', customer: matches[0] };
  return matches.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', count: matches.length };
}

class PlanBuilder {
  readonly create: PlannedCreate[] = [];
  readonly update: PlannedUpdate[] = [];
  readonly skip: PlannedSkip[] = [];
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  private readonly failed = new Set<number>();

  constructor(private readonly clean: CleanImport) {
    for (const issue of clean.issues) {
      if (issue.severity === 'error') {
        this.errors.push(issue);
        this.failed.add(issue.row);
      } else {
        this.warnings.push(issue);
      }
    }
    for (const duplicate of clean.duplicates) this.skip.push({ reason: 'duplicate_row', rows: [duplicate.row], duplicateOf: duplicate.duplicateOf });
  }

  issue(rows: number[], field: string | null, severity: 'error' | 'warning', code: RowIssueCode, reason: string, params: RowIssue['params'] = {}): void {
    const ref = field ? this.clean.mapping.columns[field as keyof CleanImport['mapping']['columns']] : undefined;
    for (const row of rows) {
      const issue: RowIssue = { row, column: ref?.header ?? null, cell: ref ? `${columnLetter(ref.index)}${row}` : null, severity, code, reason, params: field ? { field, ...params } : params };
      if (severity === 'error') {
        this.errors.push(issue);
        this.failed.add(row);
      } else {
        this.warnings.push(issue);
      }
    }
  }

  /** Takes back a planned create (its customer cannot be created after all). */
  retract(planned: PlannedCreate): void {
    const at = this.create.indexOf(planned);
    if (at >= 0) this.create.splice(at, 1);
  }

  /** Creates, updates or skips one record given what the store holds and which fields count. */
  decide(planned: PlannedCreate, existing: { id: string } | null, changes: FieldChange[]): void {
    if (!existing) this.create.push(planned);
    else if (changes.length > 0) this.update.push({ ...planned, existingId: existing.id, changes });
    else this.skip.push({ reason: 'unchanged', entity: planned.entity, key: planned.key, rows: planned.rows, existingId: existing.id });
  }

  finish(): ImportPlan {
    const byRow = (a: RowIssue, b: RowIssue) => a.row - b.row || (a.cell ?? '').localeCompare(b.cell ?? '');
    this.errors.sort(byRow);
    this.warnings.sort(byRow);
    return {
      kind: this.clean.kind,
      create: this.create,
      update: this.update,
      skip: this.skip,
      errors: this.errors,
      warnings: this.warnings,
      tierValues: this.clean.tierValues,
      counts: {
        dataRows: this.clean.stats.dataRows,
        create: this.create.length,
        update: this.update.length,
        skip: this.skip.length,
        failedRows: this.failed.size,
      },
    };
  }
}

export function planImport(clean: CleanImport, lookup: ImportLookup): ImportPlan {
  const plan = new PlanBuilder(clean);
  switch (clean.kind) {
    case 'customers':
      for (const item of clean.records) planCustomer(plan, item, lookup);
      break;
    case 'purchases':
      planPurchases(plan, clean.records, lookup, clean.mapping.columns);
      break;
    case 'service_records':
      for (const item of clean.records) planServiceRecord(plan, item, lookup);
      break;
  }
  return plan.finish();
}

/** A change for each field the file gives (non-null) that differs from the store. */
function diff(pairs: [field: string, file: unknown, stored: unknown][]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, file, stored] of pairs) {
    if (file === null || file === undefined) continue;
    if (JSON.stringify(file) === JSON.stringify(stored ?? null)) continue;
    changes.push({ field, from: stored ?? null, to: file });
  }
  return changes;
}

/** A customer's values in a file; null: not given (a purchase row may give only some of them). */
type CustomerValues = Omit<CleanCustomer, 'name' | 'phone' | 'phoneExtension' | 'customerNo'> & { name: string | null; phone: string | null };

function customerChanges(record: CustomerValues, stored: StoredCustomer): FieldChange[] {
  const storedPhone = phoneKey(stored.phone) ?? stored.phone;
  const window = record.contactWindow === 'any' ? null : record.contactWindow;
  const changes = diff([
    ['name', record.name, stored.name],
    ['phone', record.phone, storedPhone],
    ['gender', record.gender, stored.gender],
    ['tier', record.tier, stored.tier],
    ['city', record.city, stored.city],
    ['remarks', record.remarks, stored.remarks],
  ]);
  if (record.contactWindow !== null && JSON.stringify(window) !== JSON.stringify(stored.contactWindow)) {
    changes.push({ field: 'contactWindow', from: stored.contactWindow, to: window });
  }
  if (record.tags && record.tags.some((tag) => !stored.tags.includes(tag))) {
    changes.push({ field: 'tags', from: stored.tags, to: [...new Set([...stored.tags, ...record.tags])] });
  }
  return changes;
}

function planCustomer(plan: PlanBuilder, item: Sourced<CleanCustomer>, lookup: ImportLookup): void {
  const { record, rows } = item;
  const key = customerKeyOf(record) ?? '';
  const found = findCustomer(record, lookup);
  if (found.kind === 'ambiguous') {
    plan.issue(rows, 'phone', 'error', 'ambiguous_customer', `${found.count} customers in the store have the phone ${record.phone}; add the customer number to the file`, { count: found.count, value: record.phone });
    return;
  }
  const existing = found.kind === 'found' ? found.customer : null;
  if (!existing && record.customerNo) {
    const others = lookup.customersByPhone(record.phone).filter((c) => c.customerNo !== record.customerNo);
    if (others.length > 0) {
      plan.issue(rows.slice(0, 1), 'phone', 'warning', 'phone_shared', `the phone is also stored for customer ${others.map((c) => c.customerNo).join(', ')}; ${record.customerNo} is created as another customer`, {
        value: record.phone,
        others: others.map((c) => c.customerNo).join(', '),
      });
    }
  }
  plan.decide({ entity: 'customer', key, rows, record }, existing, existing ? customerChanges(record, existing) : []);
}

/** The customer's columns a purchase row carries, merged over the customer's rows. */
const PURCHASE_CUSTOMER_FIELDS = ['name', 'phone', 'city', 'gender', 'tier', 'contactWindow', 'tags', 'remarks'] as const;
type PurchaseCustomerField = (typeof PURCHASE_CUSTOMER_FIELDS)[number];

interface PurchaseCustomer {
  key: string;
  customerNo: string | null;
  stored: StoredCustomer | null;
  /** The purchases planned for this customer, in row order. */
  items: { item: Sourced<CleanPurchase>; planned: PlannedCreate | null }[];
}

/**
 * A delivery list may be a CRM export: one row per purchase, the customer's columns repeated on
 * each. Purchases are planned first; then each customer's columns are merged over the rows whose
 * purchase is imported (the first value of each field is used, a different later one is a
 * customer_value_conflict warning) and the customer is created or updated from them.
 */
function planPurchases(plan: PlanBuilder, records: readonly Sourced<CleanPurchase>[], lookup: ImportLookup, columns: CleanImport['mapping']['columns']): void {
  // Whether any row of a customer gives the name and phone a new customer needs.
  const creatable = new Map<string, { name: boolean; phone: boolean }>();
  for (const { record } of records) {
    const key = customerKeyOf(record) ?? '';
    const entry = creatable.get(key) ?? { name: false, phone: false };
    entry.name ||= record.name !== null;
    entry.phone ||= record.phone !== null;
    creatable.set(key, entry);
  }
  const customers = new Map<string, PurchaseCustomer>();
  for (const item of records) planPurchase(plan, item, lookup, creatable, customers, columns);
  for (const customer of customers.values()) planPurchaseCustomer(plan, customer);
}

function planPurchase(
  plan: PlanBuilder,
  item: Sourced<CleanPurchase>,
  lookup: ImportLookup,
  creatable: ReadonlyMap<string, { name: boolean; phone: boolean }>,
  customers: Map<string, PurchaseCustomer>,
  columns: CleanImport['mapping']['columns'],
): void {
  const { record, rows } = item;
  const customerKey = customerKeyOf(record) ?? '';
  const customerField = record.customerNo ? 'customerNo' : 'phone';
  const who = record.customerNo ? `customer ${record.customerNo}` : `a customer with the phone ${record.phone}`;
  const whoParam = record.customerNo ?? record.phone ?? '';
  const found = findCustomer(record, lookup);
  if (found.kind === 'ambiguous') {
    plan.issue(rows, 'phone', 'error', 'ambiguous_customer', `${found.count} customers in the store have the phone ${record.phone}; add the customer number to the file`, { count: found.count, value: record.phone ?? '' });
    return;
  }
  let customer: CustomerRef;
  if (found.kind === 'found') {
    customer = { existingId: found.customer.id };
  } else {
    const can = creatable.get(customerKey);
    if (!can?.name && columns.name) {
      plan.issue(rows, 'name', 'error', 'name_missing', `${who} is not in the store and no row of the file gives the customer's name, which a new customer needs`, { customer: whoParam });
      return;
    }
    if (can?.name && !can.phone && columns.phone) {
      plan.issue(rows, 'phone', 'error', 'phone_missing', `${who} is not in the store and no row of the file gives the customer's phone, which a new customer needs`, { customer: whoParam });
      return;
    }
    if (!can?.name || !can.phone) {
      plan.issue(rows, customerField, 'error', 'unknown_customer', `${who} is not in the store; import the customer list first, or map the customer's name and phone so the customer is created`, { customer: whoParam });
      return;
    }
    customer = { newCustomerKey: customerKey };
  }
  const existing = lookup.purchaseBySerial(record.serialNo);
  if (existing && !('existingId' in customer && customer.existingId === existing.customerId)) {
    plan.issue(rows, 'serialNo', 'error', 'serial_owned_by_other_customer', `serial number ${record.serialNo} is stored for another customer; this file gives ${customerKey.replace(/^\w+:/, '')}`, {
      value: record.serialNo,
      customer: whoParam,
    });
    return;
  }
  const changes = existing
    ? diff([
        ['productLine', record.productLine, existing.productLine],
        ['model', record.model, existing.model],
        ['purchaseDate', record.purchaseDate, existing.purchaseDate],
        ['deliveryDate', record.deliveryDate, existing.deliveryDate],
        ['warrantyEnd', record.warrantyEnd, existing.warrantyEnd],
      ])
    : [];
  const planned: PlannedCreate = { entity: 'purchase', key: `serial:${record.serialNo}`, rows, record, customer };
  plan.decide(planned, existing, changes);
  let group = customers.get(customerKey);
  if (!group) {
    group = { key: customerKey, customerNo: record.customerNo, stored: found.kind === 'found' ? found.customer : null, items: [] };
    customers.set(customerKey, group);
  }
  group.items.push({ item, planned: existing ? null : planned });
}

function planPurchaseCustomer(plan: PlanBuilder, customer: PurchaseCustomer): void {
  const merged: Record<PurchaseCustomerField, unknown> = { name: null, phone: null, city: null, gender: null, tier: null, contactWindow: null, tags: null, remarks: null };
  const firstRow: Partial<Record<PurchaseCustomerField, number>> = {};
  const rows: number[] = [];
  for (const { item } of customer.items) {
    rows.push(...item.rows);
    const row = item.rows[0] ?? 0;
    for (const field of PURCHASE_CUSTOMER_FIELDS) {
      const value = item.record[field];
      if (value === null) continue;
      const current = merged[field];
      if (field === 'tags') {
        merged.tags = [...new Set([...((current as string[] | null) ?? []), ...(value as string[])])];
      } else if (current === null) {
        merged[field] = value;
        firstRow[field] = row;
      } else if (JSON.stringify(current) !== JSON.stringify(value)) {
        const first = firstRow[field] ?? row;
        plan.issue([row], field, 'warning', 'customer_value_conflict', `row ${first} gives this customer's ${field} as "${displayValue(current)}", this row "${displayValue(value)}"; row ${first}'s value is used`, {
          value: displayValue(value),
          firstRow: first,
          firstValue: displayValue(current),
        });
      }
    }
  }
  const values = merged as unknown as CustomerValues;
  if (customer.stored) {
    const changes = customerChanges(values, customer.stored);
    if (changes.length > 0) plan.update.push({ entity: 'customer', key: customer.key, rows, record: { customerNo: customer.customerNo, phoneExtension: null, ...values, name: values.name ?? customer.stored.name, phone: values.phone ?? customer.stored.phone }, existingId: customer.stored.id, changes });
    return;
  }
  if (values.name === null || values.phone === null) {
    // The rows that named the customer were left out (e.g. a serial number of another customer): the rest cannot create them.
    for (const { item, planned } of customer.items) {
      if (planned) plan.retract(planned);
      plan.issue(item.rows, values.name === null ? 'name' : 'phone', 'error', values.name === null ? 'name_missing' : 'phone_missing', `the customer is not in the store and the rows imported for them give no ${values.name === null ? 'name' : 'phone'}`, { customer: customer.customerNo ?? values.phone ?? '' });
    }
    return;
  }
  plan.create.push({ entity: 'customer', key: customer.key, rows, record: { customerNo: customer.customerNo, phoneExtension: null, ...values, name: values.name, phone: values.phone } });
}

function planServiceRecord(plan: PlanBuilder, item: Sourced<CleanServiceRecord>, lookup: ImportLookup): void {
  const { record, rows } = item;
  const found = findCustomer(record, lookup);
  const customerField = record.customerNo ? 'customerNo' : 'phone';
  if (found.kind === 'ambiguous') {
    plan.issue(rows, 'phone', 'error', 'ambiguous_customer', `${found.count} customers in the store have the phone ${record.phone}; add the customer number to the file`, { count: found.count, value: record.phone ?? '' });
    return;
  }
  if (found.kind === 'none') {
    const who = record.customerNo ? `customer ${record.customerNo}` : `a customer with the phone ${record.phone}`;
    plan.issue(rows, customerField, 'error', 'unknown_customer', `${who} is not in the store; import the customer list first`, { customer: record.customerNo ?? record.phone ?? '' });
    return;
  }
  const key = serviceRecordKey(record, found.customer.id);
  const existing = lookup.serviceRecordByKey(key);
  if (existing && existing.customerId !== found.customer.id) {
    plan.issue(rows, 'recordNo', 'error', 'merge_conflict', `record ${record.recordNo ?? key} is stored for another customer`, { value: record.recordNo ?? key });
    return;
  }
  const changes = existing
    ? diff([
        ['kind', record.kind, existing.kind],
        ['closedOn', record.closedOn, existing.closedOn],
        ['closedAt', record.closedAt, existing.closedAt],
        ['serialNo', record.serialNo, existing.serialNo],
        ['satisfactionScore', record.satisfactionScore, existing.satisfactionScore],
        ['rating', record.rating, existing.rating],
        ['summary', record.summary, existing.summary],
      ])
    : [];
  plan.decide({ entity: 'service_record', key, rows, record, customer: { existingId: found.customer.id } }, existing, changes);
}
