import type { Db } from '../connection';

/**
 * Every note save asks whether its call belongs to a complaint under legal handling (its notes
 * are evidence then). Without an index that was a scan of all tickets on each autosave while the
 * agent types; held tickets are few, so a partial index keeps the answer to one probe.
 */
export function up(db: Db): void {
  db.exec('CREATE INDEX tickets_call_held ON tickets (call_id) WHERE legal_hold_at IS NOT NULL');
}
