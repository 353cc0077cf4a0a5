import type pg from 'pg';

/** One step of the hub's schema. Append-only: a shipped migration is never edited. */
export interface HubMigration {
  version: number;
  name: string;
  up(client: pg.PoolClient): Promise<void>;
}
