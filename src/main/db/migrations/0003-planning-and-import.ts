import type { Db } from '../connection';

/**
 * Callback planning and CRM import: a stable purpose key per planned callback (the unit of
 * idempotency: planning again creates nothing twice), agents' product-line skills, the column
 * mappings remembered per import source, a record of every applied import, service records from
 * CRM exports, appointments with
 * the agent's reminder, and the outbound message (SMS) outbox a deployment connects to its gateway.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE callback_tasks ADD COLUMN purpose_key TEXT;
    CREATE UNIQUE INDEX tasks_purpose ON callback_tasks (purpose_key) WHERE purpose_key IS NOT NULL;
    -- Tickets closed before this version already scheduled their callback: give it its key
    -- (one per closing: a reopened and closed-again issue gets a new one).
    UPDATE callback_tasks SET purpose_key = 'post_resolution:' || ticket_id || ':' || created_at
     WHERE ticket_id IS NOT NULL AND type = 'post_resolution';

    ALTER TABLE agents ADD COLUMN skills TEXT;

    -- Imports match customers by number or phone and purchases by serial number.
    CREATE INDEX customers_no ON customers (customer_no);
    CREATE INDEX customers_phone ON customers (phone);
    CREATE INDEX purchases_serial ON purchases (serial_no);

    CREATE TABLE import_mappings (
      source TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      mapping TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE import_runs (
      id TEXT PRIMARY KEY,
      file_name TEXT NOT NULL,
      source TEXT NOT NULL,
      kind TEXT NOT NULL,
      file_sha256 TEXT NOT NULL,
      rows INTEGER NOT NULL,
      created INTEGER NOT NULL,
      updated INTEGER NOT NULL,
      skipped INTEGER NOT NULL,
      failed INTEGER NOT NULL,
      tasks_planned INTEGER NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT;

    -- Repairs and complaints closed in the CRM before (or outside) CareCall, from service-record exports:
    -- they drive priorities (a recent repair) and post-resolution callbacks like closed issues do.
    CREATE TABLE service_records (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      import_key TEXT NOT NULL UNIQUE,
      record_no TEXT,
      serial_no TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('repair', 'complaint', 'other')),
      closed_on TEXT NOT NULL,
      closed_at INTEGER,
      satisfaction_score INTEGER,
      rating TEXT,
      summary TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX service_records_customer ON service_records (customer_id, closed_on);

    CREATE TABLE appointments (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES callback_tasks (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      agent_id TEXT REFERENCES agents (id),
      at INTEGER NOT NULL,
      remind_at INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('booked', 'done', 'cancelled')),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX appointments_task ON appointments (task_id);

    CREATE TABLE outbound_messages (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      task_id TEXT REFERENCES callback_tasks (id),
      channel TEXT NOT NULL CHECK (channel IN ('sms')),
      body TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    ) STRICT;
    CREATE INDEX outbound_messages_status ON outbound_messages (status, created_at);
  `);
}
