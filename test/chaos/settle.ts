import type { SyncStatus } from '../../src/shared/api/sync-contract';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { syncedTable, type RowData } from '../../src/shared/sync/synced-tables';
import type { SavedMutation } from './desktop-handle';
import type { DesktopDump } from './desktop-protocol';
import { sleep } from './random';
import type { World } from './world';

export interface LogRow {
  seq: number;
  mutationId: string;
  name: string;
  status: 'applied' | 'rejected';
  code: string | null;
}

export interface EntityMeta {
  customerId: string | null;
  ownerId: string | null;
  deleted: boolean;
  data: RowData | null;
}

export interface DesktopEvidence {
  name: string;
  userId: string;
  clientId: string;
  saved: SavedMutation[];
  dump: DesktopDump;
  /** Every pull answer the proxy handed to this desktop, in order. */
  pulls: PullResponse[];
  /** A fresh full read of this user's scope on the hub, after settling. */
  hubView: Map<string, RowData>;
}

/** Everything the invariants look at, read once everything has settled. */
export interface Evidence {
  desktops: DesktopEvidence[];
  /** The hub's mutation log per client id, by sequence. */
  log: Map<string, LogRow[]>;
  hubVersion: number;
  /** kind \0 id -> what the hub holds (tombstones included). */
  entities: Map<string, EntityMeta>;
}

export const rowId = (table: string, id: string): string => `${table}\u0000${id}`;

async function hubVersion(world: World): Promise<number> {
  const result = await world.hub.pool.query<{ version: number }>('SELECT version FROM hub_state WHERE id = 1');
  return Number(result.rows[0]?.version ?? 0);
}

/**
 * Faults off, every process up, then sync rounds (each desktop: sync now and wait for the run)
 * until two rounds in a row find every desktop online with an empty outbox and the hub's version
 * did not move meanwhile: every push landed and every desktop pulled after the last write.
 */
export async function settle(world: World, timeoutMs: number): Promise<void> {
  const { proxy, hub, desktops, log } = world;
  proxy.faults = false;
  for (const desktop of desktops) proxy.setOffline(desktop.name, false);
  if (!hub.up) await hub.start();
  await Promise.all(desktops.map((desktop) => desktop.start()));
  const end = Date.now() + timeoutMs;
  let quietRounds = 0;
  for (let round = 1; ; round++) {
    const before = await hubVersion(world);
    const statuses = await Promise.all(desktops.map((desktop) => desktop.request<SyncStatus>('settle', {}, 60_000)));
    const after = await hubVersion(world);
    const quiet = before === after && statuses.every((status) => status.state === 'online' && status.pending === 0);
    quietRounds = quiet ? quietRounds + 1 : 0;
    if (quietRounds >= 2) {
      log.line(`settled after ${round} sync rounds (hub version ${after})`);
      return;
    }
    if (Date.now() > end) {
      const states = statuses.map((status, index) => `${desktops[index]!.name}: ${status.state}, ${status.pending} pending, ${status.lastError ?? 'no error'}`);
      throw new Error(`the desktops did not settle within ${timeoutMs} ms: ${states.join('; ')}`);
    }
    await sleep(quiet ? 100 : 500);
  }
}

/** Dumps every desktop (sync stopped first), reads the hub's log and entities, and each user's full view. */
export async function collect(world: World): Promise<Evidence> {
  const { desktops, hub, client, proxy } = world;
  const dumps = await Promise.all(desktops.map((desktop) => desktop.dump(true)));
  const clientIds = desktops.map((desktop) => desktop.clientId ?? '');
  const logged = await hub.pool.query<{ client_id: string; seq: number; mutation_id: string; name: string; status: 'applied' | 'rejected'; code: string | null }>(
    'SELECT client_id, seq, mutation_id, name, status, code FROM mutation_log WHERE client_id = ANY($1::uuid[]) ORDER BY client_id, seq',
    [clientIds],
  );
  const log = new Map<string, LogRow[]>(clientIds.map((id) => [id, []]));
  for (const row of logged.rows) {
    log.get(row.client_id)?.push({ seq: Number(row.seq), mutationId: row.mutation_id, name: row.name, status: row.status, code: row.code });
  }
  const entities = new Map<string, EntityMeta>();
  const stored = await hub.pool.query<{ kind: string; id: string; customer_id: string | null; owner_id: string | null; deleted: boolean; data: RowData | null }>(
    'SELECT kind, id, customer_id, owner_id, deleted, data FROM entities',
  );
  for (const row of stored.rows) entities.set(rowId(row.kind, row.id), { customerId: row.customer_id, ownerId: row.owner_id, deleted: row.deleted, data: row.data });

  const evidence: DesktopEvidence[] = [];
  for (const [index, desktop] of desktops.entries()) {
    const session = await client.login(desktop.username);
    const view = await client.fullPull(session);
    const hubView = new Map<string, RowData>();
    for (const row of view.rows) if (row.data) hubView.set(rowId(row.t, row.id), normalise(row.t, row.data));
    evidence.push({
      name: desktop.name,
      userId: world.userId[desktop.username]!,
      clientId: desktop.clientId ?? '',
      saved: desktop.saved,
      dump: dumps[index]!,
      pulls: proxy.deliveredPulls.get(desktop.clientId ?? '') ?? [],
      hubView,
    });
  }
  return { desktops: evidence, log, hubVersion: await hubVersion(world), entities };
}

/** A row with exactly its table's columns, missing ones as null: desktop rows and hub rows compare as equal. */
export function normalise(table: string, data: RowData): RowData {
  const spec = syncedTable(table);
  if (!spec) return data;
  return Object.fromEntries(Object.keys(spec.columns).map((column) => [column, data[column] ?? null]));
}
