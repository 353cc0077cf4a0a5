import { decide } from '../../shared/sync/conflict-policy';
import { mutationRoles, mutationTables } from '../../shared/sync/mutation-rules';
import type { PushedMutation, Rejection, RowChange } from '../../shared/sync/protocol';
import { syncedTable, type RowData, type SyncedTable } from '../../shared/sync/synced-tables';
import { centreRowProblem } from './centre-rows';
import type { Actor, EntityRepository } from './entity-repository';

export class MutationRejected extends Error {
  constructor(
    readonly code: Rejection['code'],
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** What a transaction touched, for scope bookkeeping after it and for pokes. */
export interface Touched {
  customers: Set<string>;
  owners: Set<string>;
  /** A centre-wide row changed: everyone is poked. */
  centre?: boolean;
}

interface Scoped {
  customerId: string | null;
  ownerId: string | null;
  live: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Applies one pushed mutation inside the push transaction (under a savepoint the caller rolls
 * back on rejection): checks the name and the tables it may touch, decides each row change by
 * the conflict policy, authorises it against the pusher's scope before and after, writes it, and
 * keeps the scope bookkeeping (who references which customer) in step.
 */
export async function applyMutation(
  entities: EntityRepository,
  actor: Actor,
  mutation: PushedMutation,
  version: () => Promise<number>,
  touched: Touched,
  now: number,
): Promise<void> {
  const allowed = mutationTables(mutation.name);
  if (!allowed) throw new MutationRejected('invalid', `unknown mutation ${mutation.name}`);
  const roles = mutationRoles(mutation.name);
  if (roles && !roles.includes(actor.role)) throw new MutationRejected('forbidden', `${mutation.name} is for ${roles.join(' or ')}, not ${actor.role}`);
  for (const change of mutation.changes) {
    const table = syncedTable(change.t);
    if (!table) throw new MutationRejected('invalid', `unknown table ${change.t}`);
    if (!allowed.includes(table.name)) throw new MutationRejected('forbidden', `${mutation.name} may not change ${table.name}`);
    // A complaint under legal handling keeps its evidence as it is; only the hold itself writes to it.
    if (mutation.name !== 'ticket.legal_hold') await refuseFrozenEvidence(entities, table, change);
    await applyChange(entities, actor, table, change, version, touched, now);
  }
}

/** The issue, its timeline and its escalations are frozen once a lead handed it to legal (seed 001). */
async function refuseFrozenEvidence(entities: EntityRepository, table: SyncedTable, change: RowChange): Promise<void> {
  if (table.name !== 'tickets' && table.name !== 'ticket_events' && table.name !== 'ticket_escalations') return;
  const own = await entities.get(table.name, change.id);
  const ticketId = table.name === 'tickets' ? change.id : (text(change.f?.ticket_id) ?? text(own?.data?.ticket_id));
  if (!ticketId) return;
  const ticket = table.name === 'tickets' ? own : await entities.get('tickets', ticketId);
  if (ticket && !ticket.deleted && ticket.data?.legal_hold_at != null) {
    throw new MutationRejected('conflict', `evidence_frozen: issue ${ticketId} is under legal handling`);
  }
}

async function applyChange(
  entities: EntityRepository,
  actor: Actor,
  table: SyncedTable,
  change: RowChange,
  version: () => Promise<number>,
  touched: Touched,
  now: number,
): Promise<void> {
  const current = await entities.get(table.name, change.id);
  const before = current && !current.deleted ? { customerId: current.customerId, ownerId: current.ownerId, live: true } : null;
  // Someone else's row is refused as such before anything about its state is told.
  if (before) await authorise(entities, actor, table, change.id, before, { ...before, live: false });
  const decision = decide(table, change, current ? { data: current.data, deleted: current.deleted } : null, actor.userId);
  if (decision.kind === 'reject') throw new MutationRejected(decision.code, decision.reason);
  if (decision.kind === 'none') return;
  if (decision.kind === 'write') {
    await refuseDeletedTargets(entities, table, change, decision.data);
    const problem = centreRowProblem(table, decision.data);
    if (problem) throw new MutationRejected('invalid', problem);
  }

  const after: Scoped =
    decision.kind === 'delete'
      ? { customerId: current?.customerId ?? null, ownerId: current?.ownerId ?? null, live: false }
      : await scopeOf(entities, table, decision.data);
  await authorise(entities, actor, table, change.id, before, after);

  const v = await version();
  await entities.write({
    kind: table.name,
    id: change.id,
    data: decision.kind === 'delete' ? null : decision.data,
    deleted: decision.kind === 'delete',
    version: v,
    customerId: after.customerId,
    ownerId: after.ownerId,
    now,
  });
  if (after.customerId) touched.customers.add(after.customerId);
  if (before?.customerId) touched.customers.add(before.customerId);
  if (table.scope.kind === 'centre') touched.centre = true;
  if (table.scope.kind === 'owner') {
    if (before?.ownerId) touched.owners.add(before.ownerId);
    if (after.ownerId) touched.owners.add(after.ownerId);
    await moveRefs(entities, before, after, v);
  }
}

/** Columns that point at another synced row; such a row must not point at something deleted. */
const REFERENCES: readonly { column: string; table: string }[] = [
  { column: 'task_id', table: 'callback_tasks' },
  { column: 'ticket_id', table: 'tickets' },
  { column: 'call_id', table: 'calls' },
];

/** Nothing deleted comes back, also not as the target of a new call, note or timeline entry. */
async function refuseDeletedTargets(entities: EntityRepository, table: SyncedTable, change: RowChange, data: RowData): Promise<void> {
  for (const reference of REFERENCES) {
    if (!(reference.column in table.columns) || table.name === reference.table) continue;
    const target = text(data[reference.column]);
    const touched = change.op === 'ins' || (change.f !== undefined && reference.column in change.f);
    if (target && touched && (await entities.isDeleted(reference.table, target))) {
      throw new MutationRejected('conflict', `${table.name} ${change.id} refers to ${reference.table} ${target}, which was deleted`);
    }
  }
}

async function scopeOf(entities: EntityRepository, table: SyncedTable, data: RowData): Promise<Scoped> {
  const scope = table.scope;
  switch (scope.kind) {
    case 'owner':
      return { customerId: text(data[scope.customerColumn]), ownerId: text(data[scope.ownerColumn]), live: true };
    case 'customer':
      return { customerId: scope.customerColumn ? text(data[scope.customerColumn]) : text(data.id), ownerId: null, live: true };
    case 'ticket': {
      const ticketId = text(data[scope.ticketColumn]);
      const customerId = ticketId ? await entities.customerOfTicket(ticketId) : null;
      if (!customerId) throw new MutationRejected('invalid', `${table.name} refers to an issue the hub does not have (${ticketId ?? 'none'})`);
      return { customerId, ownerId: null, live: true };
    }
    case 'team':
      throw new MutationRejected('forbidden', `${table.name} is edited on the hub only`);
    case 'centre':
      return { customerId: null, ownerId: null, live: true };
  }
}

/** Agents change their own tasks and issues and their customers' rows; leads their team's; admins all. */
async function authorise(
  entities: EntityRepository,
  actor: Actor,
  table: SyncedTable,
  id: string,
  before: Scoped | null,
  after: Scoped,
): Promise<void> {
  if (actor.role === 'admin') return;
  const label = `${table.name} ${id}`;
  // Centre-wide data (the working calendar) is the leads' to change, whatever mutation carries it.
  if (table.scope.kind === 'centre') {
    if (actor.role !== 'lead') throw new MutationRejected('forbidden', `${label}: only a team lead or an admin changes the service centre's ${table.name}`);
    return;
  }
  for (const customerId of new Set([before?.customerId, after.customerId])) {
    if (customerId && !(await entities.customerInScope(actor, customerId))) {
      throw new MutationRejected('forbidden', `${label}: customer ${customerId} is not in your scope`);
    }
  }
  if (table.scope.kind !== 'owner') return;
  const mayOwn = async (ownerId: string | null, wasOwner: boolean): Promise<boolean> => {
    if (ownerId === actor.userId) return true;
    if (actor.role === 'lead') {
      if (ownerId === null) return true;
      const owner = await entities.teamOf(ownerId);
      return owner.exists && owner.teamId !== null && owner.teamId === actor.teamId;
    }
    // An agent may take an unassigned task (a claim, conditional on it still being free).
    return ownerId === null && wasOwner;
  };
  if (before && !(await mayOwn(before.ownerId, true))) throw new MutationRejected('forbidden', `${label} belongs to ${before.ownerId ?? 'nobody'}, not to you`);
  if (after.live && !(await mayOwn(after.ownerId, false))) {
    throw new MutationRejected('forbidden', `${label} cannot be given to ${after.ownerId ?? 'nobody'} by you`);
  }
}

/** Keeps scope_refs in step with who owns what; a scope that shrank makes its holder's next pull a reset. */
async function moveRefs(entities: EntityRepository, before: Scoped | null, after: Scoped, version: number): Promise<void> {
  const same = before && before.live === after.live && before.ownerId === after.ownerId && before.customerId === after.customerId;
  if (same) return;
  if (before?.live && before.ownerId && before.customerId) {
    const left = await entities.addRef(before.ownerId, before.customerId, -1);
    const owner = await entities.teamOf(before.ownerId);
    const ownerChanged = before.ownerId !== after.ownerId || !after.live;
    // The row left its owner (reassigned, deleted) or the customer left their scope: reset them.
    if (left === 0 || ownerChanged) await entities.bumpUserEpoch(before.ownerId);
    if (owner.teamId) {
      const afterTeam = after.ownerId ? (await entities.teamOf(after.ownerId)).teamId : null;
      const leftTeam = ownerChanged && afterTeam !== owner.teamId;
      if (leftTeam || (left === 0 && !(await entities.teamStillReferences(owner.teamId, before.customerId)))) {
        await entities.bumpTeamEpoch(owner.teamId);
      }
    }
  }
  if (after.live && after.ownerId && after.customerId) {
    const refs = await entities.addRef(after.ownerId, after.customerId, 1);
    if (refs === 1) await entities.restampCustomer(after.customerId, version);
  }
}
