import type { Alert } from '../../../shared/api/alert-contract';
import type { Db } from '../connection';
import { cached } from '../statement-cache';

interface AlertRow {
  id: string;
  subject: Alert['subject'];
  subject_id: string;
  subject_label: string;
  target: Alert['target'];
  kind: Alert['kind'];
  threshold_id: string;
  due_at: number;
  threshold_at: number;
  fired_at: number;
  read_at: number | null;
}

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  subject: r.subject,
  subjectId: r.subject_id,
  subjectLabel: r.subject_label,
  target: r.target,
  kind: r.kind,
  thresholdId: r.threshold_id,
  dueAt: r.due_at,
  thresholdAt: r.threshold_at,
  firedAt: r.fired_at,
  readAt: r.read_at,
});

/** What the SLA watcher has fired: the alert centre's history and its memory across restarts. */
export class AlertRepository {
  constructor(private readonly db: Db) {}

  /** Records the alert unless this subject's threshold fired before; true when it is new. */
  insertOnce(a: Alert): boolean {
    const result = cached(this.db)
      .prepare(
        `INSERT OR IGNORE INTO alerts (id, subject, subject_id, subject_label, target, kind, threshold_id, due_at, threshold_at, fired_at, read_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(a.id, a.subject, a.subjectId, a.subjectLabel, a.target, a.kind, a.thresholdId, a.dueAt, a.thresholdAt, a.firedAt);
    return result.changes === 1;
  }

  /** Records a batch in one transaction; returns the ones that had not fired before. */
  recordNew(alerts: Alert[]): Alert[] {
    return this.db.transaction(() => alerts.filter((a) => this.insertOnce(a)))();
  }

  list(offset: number, limit: number): { rows: Alert[]; total: number; unread: number } {
    const rows = (cached(this.db).prepare('SELECT * FROM alerts ORDER BY fired_at DESC, threshold_at DESC, id LIMIT ? OFFSET ?').all(limit, offset) as AlertRow[]).map(toAlert);
    const counts = cached(this.db).prepare('SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread FROM alerts').get() as { total: number; unread: number };
    return { rows, ...counts };
  }

  markRead(ids: string[] | 'all', at: number): void {
    if (ids === 'all') {
      cached(this.db).prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL').run(at);
      return;
    }
    const statement = cached(this.db).prepare('UPDATE alerts SET read_at = ? WHERE id = ? AND read_at IS NULL');
    for (const id of ids) statement.run(at, id);
  }

  unread(): number {
    return (cached(this.db).prepare('SELECT count(*) AS n FROM alerts WHERE read_at IS NULL').get() as { n: number }).n;
  }

  exists(id: string): boolean {
    return cached(this.db).prepare('SELECT 1 FROM alerts WHERE id = ?').get(id) !== undefined;
  }
}
