import type { Db } from '../connection';

/**
 * What the seeds' rules beyond response and resolution need on an issue: when it was received
 * (seed 002: registered within 1 h of receipt; existing issues were received when registered),
 * the steps recorded on it that stop those rules' clocks (field service, customer told, ...),
 * and a lead's marking of a malicious complaint for legal handling with its reason.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN received_at INTEGER;
    UPDATE tickets SET received_at = registered_at;
    -- Nullable like every column added to a synced table: a row from an older desktop lacks it.
    ALTER TABLE tickets ADD COLUMN steps TEXT;
    ALTER TABLE tickets ADD COLUMN legal_hold_at INTEGER;
    ALTER TABLE tickets ADD COLUMN legal_hold_by TEXT;
    ALTER TABLE tickets ADD COLUMN legal_hold_reason TEXT;
  `);
}
