import type { PulledRow } from '../../src/shared/sync/protocol';
import { syncedTable } from '../../src/shared/sync/synced-tables';
import { verdict, type InvariantResult } from './verdict';
import { rowId, type Evidence } from './settle';
import type { World } from './world';

/**
 * 6. No row outside a user's scope is ever delivered or accepted. A row handed to an agent must
 * belong to a task or issue they own (live rows: owned right then; tombstones: owned at some time)
 * or to a customer of a task they were ever assigned (seeded, or moved to them by a reassignment
 * that applied) or of an issue they own. A lead's scope is their team's. The agent directory
 * holds the team only. Forged requests must all have been refused, and the outsider's rows (team B)
 * must be exactly as seeded.
 */
export function scopeNeverLeaks(world: World, evidence: Evidence): InvariantResult {
  const problems: string[] = [];
  const owners = new Map<string, Set<string>>();
  const own = (taskId: string, userId: string) => {
    const set = owners.get(taskId) ?? new Set<string>();
    set.add(userId);
    owners.set(taskId, set);
  };
  for (const [taskId, { owner }] of world.seededTasks) own(taskId, owner);
  for (const { taskId, to } of world.events.assigned) own(taskId, to);
  const lead = evidence.desktops.find((desktop) => desktop.name === world.lead.name);
  const leadApplied = new Set((evidence.log.get(lead?.clientId ?? '') ?? []).filter((row) => row.status === 'applied').map((row) => row.mutationId));
  for (const saved of lead?.saved ?? []) {
    const args = saved.args as { taskId?: string; agentId?: string };
    if (saved.name === 'task.assign' && leadApplied.has(saved.id) && args.taskId && args.agentId) own(args.taskId, args.agentId);
  }
  const taskCustomer = new Map<string, string>();
  const ticketCustomers: { owner: string | null; customer: string | null }[] = [];
  for (const [key, meta] of evidence.entities) {
    const [kind, id] = key.split('\u0000') as [string, string];
    if (kind === 'callback_tasks') {
      if (meta.customerId) taskCustomer.set(id, meta.customerId);
      if (meta.ownerId) own(id, meta.ownerId);
    }
    if (kind === 'tickets') ticketCustomers.push({ owner: meta.ownerId, customer: meta.customerId });
  }
  const customersOf = (users: Set<string>): Set<string> => {
    const customers = new Set<string>();
    for (const [taskId, who] of owners) {
      const customer = taskCustomer.get(taskId) ?? world.seededTasks.get(taskId)?.customer;
      if (customer && [...who].some((user) => users.has(user))) customers.add(customer);
    }
    for (const ticket of ticketCustomers) if (ticket.owner && ticket.customer && users.has(ticket.owner)) customers.add(ticket.customer);
    return customers;
  };
  const team = new Set(world.teamA);

  const outOfScope = (row: PulledRow, users: Set<string>, customers: Set<string>): string | null => {
    const table = syncedTable(row.t);
    if (!table) return `unknown table ${row.t}`;
    const meta = evidence.entities.get(rowId(row.t, row.id));
    switch (table.scope.kind) {
      case 'team':
        return team.has(row.id) ? null : 'an agent of another team';
      case 'owner': {
        if (row.data) {
          const owner = row.data[table.scope.ownerColumn];
          return typeof owner === 'string' && users.has(owner) ? null : `owned by ${String(owner)}`;
        }
        const ever = row.t === 'callback_tasks' ? [...(owners.get(row.id) ?? [])] : [meta?.ownerId ?? ''];
        return ever.some((user) => users.has(user)) ? null : `a tombstone of a row never owned here (${ever.join(', ') || 'unknown'})`;
      }
      case 'customer': {
        const column = table.scope.customerColumn;
        const customer = column ? (row.data?.[column] ?? meta?.customerId ?? null) : row.id;
        return typeof customer === 'string' && customers.has(customer) ? null : `customer ${String(customer)} was never in scope`;
      }
      case 'ticket':
        return meta?.customerId && customers.has(meta.customerId) ? null : `issue row of customer ${meta?.customerId ?? 'unknown'}, never in scope`;
      case 'centre':
        // Centre-wide data (the working calendar) is every user's.
        return null;
    }
  };

  for (const desktop of evidence.desktops) {
    const users = desktop.name === world.lead.name ? team : new Set([desktop.userId]);
    const customers = customersOf(users);
    let delivered = 0;
    desktop.pulls.forEach((page, index) => {
      for (const row of page.rows) {
        delivered += 1;
        const why = outOfScope(row, users, customers);
        if (why) problems.push(`${desktop.name}: pull #${index + 1} delivered ${row.t} ${row.id}${row.data ? '' : ' (tombstone)'}: ${why}`);
      }
    });
    if (delivered === 0) problems.push(`${desktop.name}: no rows were ever delivered (nothing was tested)`);
  }

  for (const attempt of world.events.forged) if (!attempt.ok) problems.push(`forged: ${attempt.what} was not refused: ${attempt.detail}`);
  if (world.events.forged.length === 0) problems.push('no forged request was made (nothing was tested)');
  const seeded = world.events.outsiderRows;
  const outsiders = new Set(world.outsider.customers);
  for (const [key, meta] of evidence.entities) {
    if (!meta.customerId || !outsiders.has(meta.customerId)) continue;
    const [kind, id] = key.split('\u0000') as [string, string];
    const before = seeded.get(`${kind}/${id}`);
    if (before === undefined) problems.push(`${kind} ${id} was added to the outsider's customer ${meta.customerId}`);
    else if (JSON.stringify(before) !== JSON.stringify(meta.data) || meta.deleted) problems.push(`${kind} ${id} of the outsider's customer was changed`);
  }
  return verdict("6. no row outside a user's scope is delivered or accepted", problems);
}
