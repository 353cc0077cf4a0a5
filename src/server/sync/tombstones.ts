import type { Pool } from 'pg';

/** How long deletions are kept for desktops that have been away; older cursors get a reset. */
export const TOMBSTONE_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * Drops tombstones older than the retention and raises the horizon to the newest version dropped:
 * a desktop whose cursor is below it may have missed a deletion and is reset instead.
 */
export async function purgeTombstones(pool: Pool, now: number, retentionMs = TOMBSTONE_RETENTION_MS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT version FROM hub_state WHERE id = 1 FOR UPDATE');
    const result = await client.query<{ version: number }>('DELETE FROM entities WHERE deleted AND updated_at < $1 RETURNING version', [now - retentionMs]);
    const horizon = result.rows.reduce((max, row) => Math.max(max, Number(row.version)), 0);
    if (horizon > 0) await client.query('UPDATE hub_state SET tombstone_horizon = greatest(tombstone_horizon, $1) WHERE id = 1', [horizon]);
    await client.query('COMMIT');
    return result.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
