import type { Db } from '../connection';

/**
 * 1. The appointment SMS the scripts promise ("a specialist will call you tomorrow at 10:00") goes
 *    to the outbox the day before the agreed call, not at booking: `appointment_sms` holds each
 *    booking's send time until then. Local like the outbox: only the desktop that booked it sends it.
 * 2. Purchase proof (order or invoice number) is verified, never stored (seed 004): a purchase
 *    keeps at most a salted, truncated digest of it (`proof_digest`, src/shared/domain/purchase-proof.ts),
 *    which matches the right number but cannot be turned back into it. Nullable: purchases written
 *    before, and hub rows from older desktops, have none.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE appointment_sms (
      appointment_id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      send_at INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'queued', 'cancelled')),
      message_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX appointment_sms_due ON appointment_sms (state, send_at);
    CREATE INDEX appointment_sms_task ON appointment_sms (task_id, state);
    ALTER TABLE purchases ADD COLUMN proof_digest TEXT;
  `);
}
