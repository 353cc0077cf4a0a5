import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { PROTOCOL_VERSION, type RowChange } from '../../src/shared/sync/protocol';
import { SCHEMA_VERSION, type Session } from '../support/sync-seed';
import type { PushOutcome } from './hub-client';
import type { Random } from './random';
import type { World } from './world';

/**
 * What happens on the hub behind the desktops' backs during the run: the admin deletes tasks and
 * reassigns them (racing the lead), and forged requests try to reach another agent's customers.
 */

async function openTeamTask(world: World, random: Random): Promise<{ id: string; owner: string } | undefined> {
  const result = await world.hub.pool.query<{ id: string; owner_id: string }>(
    `SELECT id, owner_id FROM entities WHERE kind = 'callback_tasks' AND NOT deleted AND owner_id = ANY($1::text[])
        AND (data->>'is_open')::int = 1 ORDER BY id`,
    [world.agentIds],
  );
  const row = random.pick(result.rows.filter((candidate) => !world.events.reserved.has(candidate.id)));
  return row ? { id: row.id, owner: row.owner_id } : undefined;
}

/** An admin push deleting a task (planning.run may change callback_tasks; admins may delete). */
export async function adminDelete(world: World, random: Random, taskId?: string): Promise<boolean> {
  const target = taskId ? { id: taskId } : await openTeamTask(world, random);
  if (!target) return false;
  const owner = await world.hub.pool.query<{ owner_id: string | null }>("SELECT owner_id FROM entities WHERE kind = 'callback_tasks' AND id = $1", [target.id]);
  const outcome = await world.client.push(world.admin, { name: 'planning.run', changes: [{ t: 'callback_tasks', id: target.id, op: 'del' }] });
  const applied = outcome.status === 'applied';
  if (applied) world.events.deleted.push({ taskId: target.id, ownerId: owner.rows[0]?.owner_id ?? null });
  world.log.fault('admin-delete', `task ${target.id.slice(-6)}: ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`);
  return applied;
}

/**
 * The admin moves a task to another agent, conditional on the owner it just read (it races the
 * lead). Without a task, a random open one of the team; `avoid` is an owner not to give it to.
 */
export async function adminReassign(world: World, random: Random, taskId?: string, avoid?: string): Promise<boolean> {
  let task = taskId ? undefined : await openTeamTask(world, random);
  if (taskId) {
    const current = await world.hub.pool.query<{ owner_id: string }>("SELECT owner_id FROM entities WHERE kind = 'callback_tasks' AND id = $1 AND NOT deleted", [taskId]);
    task = current.rows[0] ? { id: taskId, owner: current.rows[0].owner_id } : undefined;
  }
  const to = task && random.pick(world.agentIds.filter((id) => id !== (avoid ?? task.owner)));
  if (!task || !to) return false;
  const change: RowChange = { t: 'callback_tasks', id: task.id, op: 'upd', f: { assigned_agent_id: to }, o: { assigned_agent_id: task.owner } };
  const outcome = await world.client.push(world.admin, { name: 'task.assign', changes: [change], args: { taskId: task.id, agentId: to } });
  if (outcome.status === 'applied') world.events.assigned.push({ taskId: task.id, to });
  world.log.fault('admin-reassign', `task ${task.id.slice(-6)} -> ${to.slice(-6)}: ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`);
  return outcome.status === 'applied';
}

const forgers = new Map<string, Session>();

/**
 * Forged requests from an agent of team A at the outsider's (team B) customer and task: the
 * desktop's own token under another client id (refused whole, 403), under its own client id, and
 * pushes from a session of that agent (each mutation must come back rejected `forbidden`, nothing
 * applied).
 */
export async function forge(world: World, random: Random): Promise<void> {
  const desktop = random.pick(world.agents);
  const token = desktop?.token;
  const customerId = random.pick(world.outsider.customers);
  const taskId = random.pick(world.outsider.tasks);
  if (!desktop || !token || !customerId || !taskId) return;
  const me = world.userId[desktop.username]!;
  const note = {
    id: uuidv7(), customer_id: customerId, task_id: taskId, call_id: null, agent_id: me, body: 'forged', created_at: Date.now(), updated_at: Date.now(),
  };
  const noteChange: RowChange = { t: 'notes', id: note.id, op: 'ins', f: note };
  const record = (what: string, ok: boolean, detail: string, mutationIds: string[] = []) => {
    world.events.forged.push({ what: `${desktop.name}: ${what}`, ok, detail, mutationIds });
    world.log.fault('forged', `${desktop.name} ${what}: ${ok ? 'refused as it must be' : `NOT REFUSED (${detail})`}`);
  };

  const refused = (pushed: PushOutcome) => pushed.status === 'rejected' && pushed.code === 'forbidden';
  const stolen: Session = { token, clientId: uuidv4(), userId: me };
  const versions = { clientId: stolen.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };
  const mutationId = uuidv7();
  const push = await world.client.post('/sync/push', stolen, {
    ...versions, mutations: [{ seq: 1, id: mutationId, name: 'note.save', args: {}, changes: [noteChange], createdAt: Date.now() }],
  });
  record('desktop token, other client id, push', push.status === 403 && push.body?.error === 'forbidden', `${push.status} ${JSON.stringify(push.body)}`, [mutationId]);
  const pull = await world.client.post('/sync/pull', stolen, { ...versions, cursor: null, pendingFromSeq: null });
  record('desktop token, other client id, pull', pull.status === 403 && pull.body?.error === 'forbidden', `${pull.status} ${JSON.stringify(pull.body).slice(0, 120)}`);

  // Under the desktop's own client id the forged push takes the desktop's next number: the hub must
  // refuse the desktop's own mutation at that number as a conflict (not skip it as a replay), and the
  // desktop must renumber and push it again (found-by-chaos.test.ts).
  if (world.options.forgeOwnClient !== false && desktop.clientId) {
    const own = await world.client.push({ token, clientId: desktop.clientId, userId: me }, { name: 'note.save', changes: [{ t: 'notes', id: note.id, op: 'ins', f: note }] });
    record('desktop token and its own client id, push', refused(own), `${own.status} ${own.code ?? ''} ${own.reason ?? ''}`, [own.mutationId]);
  }

  const key = `${world.dir}/${desktop.username}`;
  let session = forgers.get(key);
  if (!session) {
    session = await world.client.login(desktop.username);
    forgers.set(key, session);
  }
  const now = Date.now();
  const note2 = { ...note, id: uuidv7() };
  const attempts: { what: string; name: string; changes: RowChange[] }[] = [
    { what: "note on another team's customer", name: 'note.save', changes: [{ t: 'notes', id: note2.id, op: 'ins', f: note2 }] },
    { what: "finish another agent's task", name: 'call.finish', changes: [{ t: 'callback_tasks', id: taskId, op: 'upd', f: { status: 'completed', is_open: 0, updated_at: now }, o: { status: 'pending', is_open: 1 } }] },
    { what: "take another team's task", name: 'task.assign', changes: [{ t: 'callback_tasks', id: taskId, op: 'upd', f: { assigned_agent_id: me }, o: { assigned_agent_id: world.outsider.userId } }] },
    { what: 'rewrite a customer out of scope', name: 'import.apply', changes: [{ t: 'customers', id: customerId, op: 'upd', f: { name: 'forged' } }] },
  ];
  for (const attempt of attempts) {
    const pushed = await world.client.push(session, { name: attempt.name, changes: attempt.changes });
    record(attempt.what, refused(pushed), `${pushed.status} ${pushed.code ?? ''} ${pushed.reason ?? ''}`, [pushed.mutationId]);
  }
}
