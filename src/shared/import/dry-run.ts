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

/** A stored service record: the file's fields without how the customer was named, plus ids. */
export type ExistingServiceRecord = Omit<CleanServiceRecord, 'customerNo' | 'phone'> & { id: string; customerId: string };

/** What the dry run needs to know about the store. Phones are asked in the form cleanPhone gives. */
export interface ImportLookup {
  customerByNo(customerNo: string): CustomerRecord | null;
  customersByPhone(phone: string): CustomerRecord[];
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
  counts: { dataRows: number; create: number; update: number; skip: number; failedRows: number };
}

export function serviceRecordKey(record: CleanServiceRecord, customerId: string): string {
  if (record.recordNo) return `record:${record.recordNo}`;
  return `service:${customerId}|${record.kind}|${record.closedOn}|${record.serialNo ?? ''}`;
}

type Found = { kind: 'found'; customer: CustomerRecord } | { kind: 'none' } | { kind: 'ambiguous'; count: number };

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

  issue(rows: number[], field: string | null, severity: 'error' | 'warning', code: RowIssueCode, reason: string): void {
    const ref = field ? this.clean.mapping.columns[field as keyof CleanImport['mapping']['columns']] : undefined;
    for (const row of rows) {
      const issue: RowIssue = { row, column: ref?.header ?? null, cell: ref ? `${columnLetter(ref.index)}${row}` : null, severity, code, reason };
      if (severity === 'error') {
        this.errors.push(issue);
        this.failed.add(row);
      } else {
        this.warnings.push(issue);
      }
    }
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
    case 'purchases': {
      const newCustomers = new Map<string, Extract<PlannedCreate, { entity: 'customer' }>>();
      for (const item of clean.records) planPurchase(plan, item, lookup, newCustomers);
      break;
    }
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

function customerChanges(record: CleanCustomer, stored: CustomerRecord): FieldChange[] {
  const storedPhone = phoneKey(stored.phone) ?? stored.phone;
  const window = record.contactWindow === 'any' ? null : record.contactWindow;
  const changes = diff([
    ['name', record.name, stored.name],
    ['phone', record.phone, storedPhone],
    ['gender', record.gender, stored.gender],
    ['tier', record.tier, stored.tier],
    ['city', record.city, stored.city],
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
    plan.issue(rows, 'phone', 'error', 'ambiguous_customer', `${found.count} customers in the store have the phone ${record.phone}; add the customer number to the file`);
    return;
  }
  const existing = found.kind === 'found' ? found.customer : null;
  if (!existing && record.customerNo) {
    const others = lookup.customersByPhone(record.phone).filter((c) => c.customerNo !== record.customerNo);
    if (others.length > 0) {
      plan.issue(rows.slice(0, 1), 'phone', 'warning', 'phone_shared', `the phone is also stored for customer ${others.map((c) => c.customerNo).join(', ')}; ${record.customerNo} is created as another customer`);
    }
  }
  plan.decide({ entity: 'customer', key, rows, record }, existing, existing ? customerChanges(record, existing) : []);
}

function planPurchase(
  plan: PlanBuilder,
  item: Sourced<CleanPurchase>,
  lookup: ImportLookup,
  newCustomers: Map<string, Extract<PlannedCreate, { entity: 'customer' }>>,
): void {
  const { record, rows } = item;
  const customerKey = customerKeyOf(record) ?? '';
  const customerField = record.customerNo ? 'customerNo' : 'phone';
  const found = findCustomer(record, lookup);
  if (found.kind === 'ambiguous') {
    plan.issue(rows, 'phone', 'error', 'ambiguous_customer', `${found.count} customers in the store have the phone ${record.phone}; add the customer number to the file`);
    return;
  }
  let customer: CustomerRef;
  let newCustomer: Extract<PlannedCreate, { entity: 'customer' }> | null = null;
  if (found.kind === 'found') {
    customer = { existingId: found.customer.id };
  } else {
    newCustomer = newCustomers.get(customerKey) ?? null;
    if (!newCustomer && record.name && record.phone) {
      newCustomer = {
        entity: 'customer',
        key: customerKey,
        rows: [],
        record: {
          customerNo: record.customerNo,
          name: record.name,
          phone: record.phone,
          phoneExtension: null,
          gender: null,
          tier: null,
          city: record.city,
          contactWindow: null,
          tags: null,
        },
      };
    }
    if (!newCustomer) {
      const who = record.customerNo ? `customer ${record.customerNo}` : `a customer with the phone ${record.phone}`;
      plan.issue(rows, customerField, 'error', 'unknown_customer', `${who} is not in the store; import the customer list first, or map the customer's name and phone so the customer is created`);
      return;
    }
    customer = { newCustomerKey: customerKey };
  }
  const existing = lookup.purchaseBySerial(record.serialNo);
  if (existing && !('existingId' in customer && customer.existingId === existing.customerId)) {
    plan.issue(rows, 'serialNo', 'error', 'serial_owned_by_other_customer', `serial number ${record.serialNo} is stored for another customer; this file gives ${customerKey.replace(/^\w+:/, '')}`);
    return;
  }
  // A new customer is planned with its first purchase that is planned, never on its own.
  if (newCustomer) {
    if (!newCustomers.has(customerKey)) {
      newCustomers.set(customerKey, newCustomer);
      plan.create.push(newCustomer);
    }
    newCustomer.rows.push(...rows);
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
  plan.decide({ entity: 'purchase', key: `serial:${record.serialNo}`, rows, record, customer }, existing, changes);
}

function planServiceRecord(plan: PlanBuilder, item: Sourced<CleanServiceRecord>, lookup: ImportLookup): void {
  const { record, rows } = item;
  const found = findCustomer(record, lookup);
  const customerField = record.customerNo ? 'customerNo' : 'phone';
  if (found.kind === 'ambiguous') {
    plan.issue(rows, 'phone', 'error', 'ambiguous_customer', `${found.count} customers in the store have the phone ${record.phone}; add the customer number to the file`);
    return;
  }
  if (found.kind === 'none') {
    const who = record.customerNo ? `customer ${record.customerNo}` : `a customer with the phone ${record.phone}`;
    plan.issue(rows, customerField, 'error', 'unknown_customer', `${who} is not in the store; import the customer list first`);
    return;
  }
  const key = serviceRecordKey(record, found.customer.id);
  const existing = lookup.serviceRecordByKey(key);
  if (existing && existing.customerId !== found.customer.id) {
    plan.issue(rows, 'recordNo', 'error', 'merge_conflict', `record ${record.recordNo ?? key} is stored for another customer`);
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
