import type { Db } from '../connection';

/**
 * Tickets (工单) with their timeline and escalations, the per-day number sequence, and the SLA
 * alerts the watcher has fired (so none fires twice, also across restarts). Callback tasks can
 * now point at the ticket whose closing scheduled them.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('complaint', 'service_request')),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      purchase_id TEXT REFERENCES purchases (id),
      call_id TEXT REFERENCES calls (id),
      channel TEXT NOT NULL,
      scenario TEXT NOT NULL,
      category TEXT NOT NULL,
      demand TEXT NOT NULL,
      severity TEXT NOT NULL,
      policy_id TEXT NOT NULL,
      symptom TEXT NOT NULL,
      warranty_status TEXT NOT NULL CHECK (warranty_status IN ('in_warranty', 'out_of_warranty', 'unknown')),
      owner_agent_id TEXT REFERENCES agents (id),
      department TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL,
      is_open INTEGER NOT NULL,
      registered_at INTEGER NOT NULL,
      responded_at INTEGER,
      resolved_at INTEGER,
      closed_at INTEGER,
      paused_since INTEGER,
      -- Waiting-for-customer spans already ended: [[from, to], ...]; the SLA clock skips them.
      pauses TEXT NOT NULL DEFAULT '[]',
      solution TEXT,
      compensations TEXT NOT NULL DEFAULT '[]',
      approval_required INTEGER NOT NULL DEFAULT 0,
      approved_by TEXT,
      closing_rating TEXT CHECK (closing_rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
      duration_ms INTEGER,
      follow_up_task_id TEXT REFERENCES callback_tasks (id),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX tickets_owner_open ON tickets (owner_agent_id, is_open, registered_at);
    CREATE INDEX tickets_open ON tickets (is_open, registered_at);
    CREATE INDEX tickets_customer ON tickets (customer_id, registered_at);
    CREATE INDEX tickets_updated ON tickets (updated_at);

    CREATE TABLE ticket_events (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets (id),
      at INTEGER NOT NULL,
      agent_id TEXT REFERENCES agents (id),
      kind TEXT NOT NULL,
      from_status TEXT,
      to_status TEXT,
      body TEXT NOT NULL DEFAULT '',
      data TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

    CREATE TABLE ticket_escalations (
      ticket_id TEXT NOT NULL REFERENCES tickets (id),
      level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
      role TEXT NOT NULL,
      reason TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      due_at INTEGER NOT NULL,
      done_at INTEGER,
      PRIMARY KEY (ticket_id, level)
    ) STRICT;

    -- Daily sequence of human numbers per kind prefix on this desktop (CP20261123-K7QD-001).
    CREATE TABLE ticket_number_seq (
      prefix TEXT PRIMARY KEY,
      last INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      subject TEXT NOT NULL CHECK (subject IN ('ticket', 'task')),
      subject_id TEXT NOT NULL,
      subject_label TEXT NOT NULL,
      target TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
      threshold_id TEXT NOT NULL,
      due_at INTEGER NOT NULL,
      threshold_at INTEGER NOT NULL,
      fired_at INTEGER NOT NULL,
      read_at INTEGER,
      -- Once per subject and threshold: the watcher may see a threshold again after a restart.
      UNIQUE (subject, subject_id, threshold_id)
    ) STRICT;
    CREATE INDEX alerts_fired ON alerts (fired_at);

    ALTER TABLE callback_tasks ADD COLUMN ticket_id TEXT REFERENCES tickets (id);
    -- The SLA watcher picks up changed callbacks by this.
    CREATE INDEX tasks_updated ON callback_tasks (updated_at);
  `);
}
