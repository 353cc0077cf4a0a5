import type { HubMigration } from './migration';
import { accounts } from './0001-accounts';
import { sync } from './0002-sync';

export type { HubMigration } from './migration';

/**
 * Every migration of the hub's database, in order. APPEND-ONLY: add new ones at the end with
 * the next version; never edit, reorder or remove a migration that has shipped.
 */
export const HUB_MIGRATIONS: readonly HubMigration[] = [accounts, sync];
