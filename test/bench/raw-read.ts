import type { Db } from '../../src/main/db/connection';

/** Ids to start the baseline reads from, picked before timing starts. */
export function rawStartIds(db: Db, count: number): string[] {
  return db.prepare('SELECT id FROM callback_tasks ORDER BY id LIMIT ?').pluck().all(count) as string[];
}

/** The baseline: 100 whole task rows by primary key range, the cheapest read of a page there is (prepared once, like the queue's). */
export function rawPrimaryKeyReader(db: Db): (startId: string) => number {
  const statement = db.prepare('SELECT * FROM callback_tasks WHERE id >= ? ORDER BY id LIMIT 100');
  return (startId) => statement.all(startId).length;
}
