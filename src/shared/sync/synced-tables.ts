import { z } from 'zod';

/**
 * The tables that sync between desktops and the hub, with what the hub needs to check a row
 * without knowing the desktop's SQL: column types and the desktop's CHECK constraints (a row the
 * hub accepted must insert on every desktop), the unique columns, and how a row is scoped.
 * Everything else in the desktop store (settings, alerts, the outbox, import runs, SMS) stays local.
 * A test compares this list with the desktop schema, so a migration cannot drift from it.
 */

type Scalar = string | number | null;
export type RowData = Record<string, Scalar>;

interface ColumnSpec {
  type: 'text' | 'int';
  nullable: boolean;
  values?: readonly string[];
  min?: number;
  max?: number;
}

/**
 * How the hub decides who may see and change a row:
 * - owner: callback tasks and issues belong to an agent (and so to their team);
 * - customer: everything else hangs off a customer the user's tasks or issues reference;
 * - ticket: issue timeline rows take the customer of their issue;
 * - team: the agent directory, edited on the hub only;
 * - centre: data of the whole service centre (the working calendar): every user receives it,
 *   only leads and admins change it.
 */
export type ScopeRule =
  | { kind: 'owner'; ownerColumn: string; customerColumn: string }
  | { kind: 'customer'; customerColumn: string | null }
  | { kind: 'ticket'; ticketColumn: string }
  | { kind: 'team' }
  | { kind: 'centre' };

export interface SyncedTable {
  name: string;
  /** Key columns; a composite key travels as the values joined with '/'. */
  key: readonly string[];
  columns: Readonly<Record<string, ColumnSpec>>;
  scope: ScopeRule;
  /** Rows are added, never removed; a note's text may change only by its author. */
  appendOnly?: boolean;
  /** Fields whose change is conditional on the value the desktop saw (claims, reassignment). */
  conditional?: readonly string[];
  /** Live rows must differ in these columns (null values excepted). */
  unique?: readonly string[];
  /** Written by the hub only; desktops receive it. */
  hubOnly?: boolean;
}

const text = (nullable = false, values?: readonly string[]): ColumnSpec => ({ type: 'text', nullable, values });
const int = (nullable = false, min?: number, max?: number): ColumnSpec => ({ type: 'int', nullable, min, max });

export const SYNCED_TABLES: readonly SyncedTable[] = [
  {
    name: 'agents',
    key: ['id'],
    scope: { kind: 'team' },
    hubOnly: true,
    columns: {
      id: text(),
      name: text(),
      employee_no: text(),
      role: text(false, ['agent', 'senior_agent', 'lead', 'admin']),
      created_at: int(),
      skills: text(true),
    },
  },
  {
    name: 'customers',
    key: ['id'],
    scope: { kind: 'customer', customerColumn: null },
    columns: {
      id: text(),
      customer_no: text(),
      name: text(),
      gender: text(false, ['male', 'female', 'unknown']),
      phone: text(),
      phone_tail: text(),
      tier: text(false, ['new', 'regular', 'high_value']),
      tags: text(),
      contact_window_start: int(true),
      contact_window_end: int(true),
      time_zone: text(),
      city: text(),
      created_at: int(),
      updated_at: int(),
      remarks: text(true),
    },
  },
  {
    name: 'purchases',
    key: ['id'],
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    columns: {
      id: text(),
      customer_id: text(),
      product_line: text(),
      model: text(),
      serial_no: text(),
      purchase_date: text(),
      delivery_date: text(true),
      warranty_end: text(true),
      created_at: int(),
      /** A salted, truncated digest of the order/invoice number, never the number (migration 0007). */
      proof_digest: text(true),
    },
  },
  {
    name: 'callback_tasks',
    key: ['id'],
    scope: { kind: 'owner', ownerColumn: 'assigned_agent_id', customerColumn: 'customer_id' },
    conditional: ['assigned_agent_id'],
    unique: ['purpose_key'],
    columns: {
      id: text(),
      customer_id: text(),
      purchase_id: text(true),
      type: text(),
      status: text(),
      is_open: int(false, 0, 1),
      priority: int(false, 1, 5),
      due_start: int(),
      due_end: int(),
      attempts: int(),
      assigned_agent_id: text(true),
      last_disposition: text(true),
      created_at: int(),
      updated_at: int(),
      ticket_id: text(true),
      purpose_key: text(true),
    },
  },
  {
    name: 'calls',
    key: ['id'],
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    columns: {
      id: text(),
      task_id: text(),
      customer_id: text(),
      agent_id: text(),
      started_at: int(),
      ended_at: int(true),
      disposition: text(true),
      script_id: text(),
      script_version: int(),
      answers: text(),
      satisfaction: int(true, 1, 10),
      nps: int(true, 0, 10),
      created_at: int(),
    },
  },
  {
    name: 'notes',
    key: ['id'],
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    appendOnly: true,
    columns: {
      id: text(),
      customer_id: text(),
      task_id: text(true),
      call_id: text(true),
      agent_id: text(),
      body: text(),
      created_at: int(),
      updated_at: int(),
    },
  },
  {
    name: 'tickets',
    key: ['id'],
    scope: { kind: 'owner', ownerColumn: 'owner_agent_id', customerColumn: 'customer_id' },
    conditional: ['owner_agent_id'],
    unique: ['number'],
    columns: {
      id: text(),
      number: text(),
      kind: text(false, ['complaint', 'service_request']),
      customer_id: text(),
      purchase_id: text(true),
      call_id: text(true),
      channel: text(),
      scenario: text(),
      category: text(),
      demand: text(),
      severity: text(),
      policy_id: text(),
      symptom: text(),
      warranty_status: text(false, ['in_warranty', 'out_of_warranty', 'unknown']),
      owner_agent_id: text(true),
      department: text(),
      status: text(),
      is_open: int(false, 0, 1),
      registered_at: int(),
      responded_at: int(true),
      resolved_at: int(true),
      closed_at: int(true),
      paused_since: int(true),
      pauses: text(),
      solution: text(true),
      compensations: text(),
      approval_required: int(false, 0, 1),
      approved_by: text(true),
      closing_rating: text(true, ['satisfied', 'basically_satisfied', 'dissatisfied']),
      duration_ms: int(true),
      follow_up_task_id: text(true),
      created_at: int(),
      received_at: int(true),
      steps: text(true),
      legal_hold_at: int(true),
      legal_hold_by: text(true),
      legal_hold_reason: text(true),
      updated_at: int(),
    },
  },
  {
    name: 'ticket_events',
    key: ['id'],
    scope: { kind: 'ticket', ticketColumn: 'ticket_id' },
    appendOnly: true,
    columns: {
      id: text(),
      ticket_id: text(),
      at: int(),
      agent_id: text(true),
      kind: text(),
      from_status: text(true),
      to_status: text(true),
      body: text(),
      data: text(),
    },
  },
  {
    name: 'ticket_escalations',
    key: ['ticket_id', 'level'],
    scope: { kind: 'ticket', ticketColumn: 'ticket_id' },
    columns: {
      ticket_id: text(),
      level: int(false, 1, 3),
      role: text(),
      reason: text(),
      started_at: int(),
      due_at: int(),
      done_at: int(true),
    },
  },
  {
    name: 'appointments',
    key: ['id'],
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    columns: {
      id: text(),
      task_id: text(),
      customer_id: text(),
      agent_id: text(true),
      at: int(),
      remind_at: int(),
      status: text(false, ['booked', 'done', 'cancelled']),
      created_at: int(),
    },
  },
  {
    // One row per calendar id; definition null means the calendar shipped with CareCall.
    name: 'working_calendars',
    key: ['id'],
    scope: { kind: 'centre' },
    columns: {
      id: text(),
      definition: text(true),
      file_name: text(true),
      revision: int(false, 1),
      official_through: text(true),
      imported_by: text(true),
      imported_by_name: text(true),
      imported_at: int(),
    },
  },
  {
    name: 'service_records',
    key: ['id'],
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    unique: ['import_key'],
    columns: {
      id: text(),
      customer_id: text(),
      import_key: text(),
      record_no: text(true),
      serial_no: text(true),
      kind: text(false, ['repair', 'complaint', 'other']),
      closed_on: text(),
      closed_at: int(true),
      satisfaction_score: int(true),
      rating: text(true),
      summary: text(true),
      created_at: int(),
      updated_at: int(),
    },
  },
];

const BY_NAME = new Map(SYNCED_TABLES.map((table) => [table.name, table]));

export function syncedTable(name: string): SyncedTable | undefined {
  return BY_NAME.get(name);
}

/** The key of a row as it travels: the key columns' values joined with '/'. */
export function rowKey(table: SyncedTable, row: RowData): string {
  return table.key.map((column) => String(row[column])).join('/');
}

/** Key column values back from a travelling key (a composite key's integer parts as numbers). */
export function keyValues(table: SyncedTable, key: string): Scalar[] {
  const parts = table.key.length === 1 ? [key] : key.split('/');
  return table.key.map((column, index) => {
    const part = parts[index] ?? '';
    return table.columns[column]?.type === 'int' ? Number(part) : part;
  });
}

const MAX_TEXT = 200_000;

function columnSchema(spec: ColumnSpec): z.ZodType<Scalar | undefined> {
  let base: z.ZodType<string | number>;
  if (spec.type === 'int') {
    let number = z.number().int();
    if (spec.min !== undefined) number = number.min(spec.min);
    if (spec.max !== undefined) number = number.max(spec.max);
    base = number;
  } else {
    base = spec.values ? z.enum(spec.values as [string, ...string[]]) : z.string().max(MAX_TEXT);
  }
  // A nullable column may be absent: rows written before it was added (by an older desktop) lack
  // it, and every desktop stores an absent value as NULL.
  return spec.nullable ? base.nullable().optional() : base;
}

const ROW_SCHEMAS = new Map(
  SYNCED_TABLES.map((table) => [
    table.name,
    z.strictObject(Object.fromEntries(Object.entries(table.columns).map(([name, spec]) => [name, columnSchema(spec)]))),
  ]),
);

/** Checks a whole row as the desktop would store it; the message names the first bad column. */
export function checkRow(table: SyncedTable, row: RowData): { ok: true } | { ok: false; message: string } {
  const schema = ROW_SCHEMAS.get(table.name);
  if (!schema) return { ok: false, message: `unknown table ${table.name}` };
  const result = schema.safeParse(row);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  const column = issue?.path.join('.') || '(row)';
  return { ok: false, message: `${table.name}.${column}: ${issue?.message ?? 'invalid'}` };
}
