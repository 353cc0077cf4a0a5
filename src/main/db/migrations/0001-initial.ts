import type { Db } from '../connection';

/** The first schema: agents, customers, purchases, callback tasks, calls, notes, the outbox. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      employee_no TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('agent', 'senior_agent', 'lead', 'admin')),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      customer_no TEXT NOT NULL,
      name TEXT NOT NULL,
      gender TEXT NOT NULL CHECK (gender IN ('male', 'female', 'unknown')),
      phone TEXT NOT NULL,
      phone_tail TEXT NOT NULL,
      tier TEXT NOT NULL CHECK (tier IN ('new', 'regular', 'high_value')),
      tags TEXT NOT NULL DEFAULT '[]',
      contact_window_start INTEGER,
      contact_window_end INTEGER,
      time_zone TEXT NOT NULL,
      city TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX customers_phone_tail ON customers (phone_tail);
    CREATE INDEX customers_name ON customers (name);

    CREATE TABLE purchases (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      product_line TEXT NOT NULL,
      model TEXT NOT NULL,
      serial_no TEXT NOT NULL,
      purchase_date TEXT NOT NULL,
      delivery_date TEXT,
      warranty_end TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX purchases_customer ON purchases (customer_id);

    CREATE TABLE callback_tasks (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      purchase_id TEXT REFERENCES purchases (id),
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      is_open INTEGER NOT NULL,
      priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
      due_start INTEGER NOT NULL,
      due_end INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      assigned_agent_id TEXT REFERENCES agents (id),
      last_disposition TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    -- The queue reads "my open tasks by priority, then due time": this index serves it in order,
    -- and carries type and due_start so filters on them are checked without visiting the row.
    CREATE INDEX tasks_queue ON callback_tasks (assigned_agent_id, is_open, priority, due_end, id, type, due_start);
    CREATE INDEX tasks_customer ON callback_tasks (customer_id);

    CREATE TABLE calls (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES callback_tasks (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      agent_id TEXT NOT NULL REFERENCES agents (id),
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      disposition TEXT,
      script_id TEXT NOT NULL,
      script_version INTEGER NOT NULL,
      answers TEXT NOT NULL DEFAULT '{}',
      satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 10),
      nps INTEGER CHECK (nps BETWEEN 0 AND 10),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX calls_customer ON calls (customer_id, started_at);
    CREATE INDEX calls_task ON calls (task_id, started_at);

    CREATE TABLE notes (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      task_id TEXT REFERENCES callback_tasks (id),
      call_id TEXT REFERENCES calls (id),
      agent_id TEXT NOT NULL REFERENCES agents (id),
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX notes_call ON notes (call_id);

    -- Every user edit is appended here in the same transaction as its rows; sync pushes it later.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY,
      mutation_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
  `);
}
