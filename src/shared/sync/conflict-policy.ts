import type { RowChange, Rejection } from './protocol';
import { checkRow, type RowData, type SyncedTable } from './synced-tables';

/**
 * The conflict policy, in one place. The hub applies mutations one at a time in its commit
 * order, so "concurrent" means: a desktop's change reaches the hub after someone else's change
 * to the same row. The rules:
 *
 * 1. Plain fields are last-writer-wins in hub commit order: an update carries only the fields it
 *    changed, and they are merged over the hub's row, so edits to different fields both survive.
 * 2. Notes and issue timelines are append-only: adding always works; a note's text may be changed
 *    only by the agent who wrote it; nothing there is ever deleted or overwritten by someone else.
 * 3. Conditional fields (who a task or issue belongs to) change only if the hub still has the value
 *    the desktop saw: claiming or reassigning refuses visibly when it lost the race. Desktops on
 *    protocol v1 sent no old values; their changes fall back to rule 1.
 * 4. Nothing deleted comes back: changing or re-creating a deleted row is refused, and so is a new
 *    row pointing at a deleted one (a call on a deleted task; checked where the hub can look the
 *    target up, src/server/sync/apply-mutation.ts refuseDeletedTargets).
 * 5. Every resulting row must be one every desktop can store (types, CHECK constraints).
 */

export interface HubRow {
  data: RowData | null;
  deleted: boolean;
}

export type Decision =
  | { kind: 'write'; data: RowData }
  | { kind: 'delete' }
  /** Nothing to do (e.g. deleting what is already gone, or re-adding an identical note). */
  | { kind: 'none' }
  | { kind: 'reject'; code: Rejection['code']; reason: string };

const reject = (code: Rejection['code'], reason: string): Decision => ({ kind: 'reject', code, reason });

function sameRow(a: RowData, b: RowData): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  return true;
}

function checked(table: SyncedTable, data: RowData): Decision {
  const result = checkRow(table, data);
  return result.ok ? { kind: 'write', data } : reject('invalid', result.message);
}

export function decide(table: SyncedTable, change: RowChange, current: HubRow | null, actorId: string): Decision {
  const live = current && !current.deleted && current.data ? current.data : null;
  const label = `${table.name} ${change.id}`;
  if (table.hubOnly) return reject('forbidden', `${table.name} is edited on the hub only`);

  switch (change.op) {
    case 'del':
      if (table.appendOnly) return reject('forbidden', `${label}: ${table.name} are never deleted`);
      return live ? { kind: 'delete' } : { kind: 'none' };

    case 'ins': {
      const fields = change.f ?? {};
      if (current?.deleted) return reject('conflict', `${label} was deleted and cannot come back`);
      if (!live) return checked(table, fields);
      if (table.appendOnly) {
        return sameRow(live, fields) ? { kind: 'none' } : reject('conflict', `${label} already exists with other content`);
      }
      return checked(table, { ...live, ...fields });
    }

    case 'upd': {
      const fields = change.f ?? {};
      if (current?.deleted) return reject('conflict', `${label} was deleted; the change was not applied`);
      if (!live) return reject('conflict', `${label} does not exist on the hub`);
      if (table.appendOnly) {
        const author = live.agent_id;
        if (table.name !== 'notes' || author !== actorId) return reject('forbidden', `${label}: only its author may edit it`);
      }
      for (const column of table.conditional ?? []) {
        if (!(column in fields) || !change.o || !(column in change.o)) continue;
        const seen = change.o[column] ?? null;
        const now = live[column] ?? null;
        if (seen !== now) {
          return reject('lost_race', `${label}: ${column} is now ${now ?? 'nobody'}, not ${seen ?? 'nobody'} as this desktop saw`);
        }
      }
      return checked(table, { ...live, ...fields });
    }
  }
}
