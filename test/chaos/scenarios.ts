import type { DesktopHandle } from './desktop-handle';
import { adminDelete, adminReassign } from './hub-actions';
import { sleep, type Random } from './random';
import { agentStep, workOffline } from './workload';
import type { World } from './world';

/**
 * Scripted scenarios with a known right outcome, run on one desktop while its operation loop is
 * paused (the caller holds its lock): work saved offline on a task the admin deletes meanwhile
 * (must come back rejected), and the lead reassigning on a stale view while the admin moves the
 * task (must lose the race).
 */

/** A ghost request (delayed in the proxy) may still reach the hub this long after a desktop went offline. */
const GHOSTS_MS = 1_500;

async function offline<T>(world: World, desktop: DesktopHandle, body: () => Promise<T>): Promise<T> {
  world.proxy.setOffline(desktop.name, true);
  world.log.fault('offline', `${desktop.name} cut off from the hub`);
  try {
    return await body();
  } finally {
    world.proxy.setOffline(desktop.name, false);
    world.log.line(`${desktop.name} back online`);
  }
}

/** Agent steps until one saved something (a push to hold or to kill after), at most a few. */
export async function stepUntilSaved(desktop: DesktopHandle, random: Random, world: World): Promise<void> {
  const before = desktop.saved.length;
  for (let attempt = 0; attempt < 4 && desktop.saved.length === before; attempt++) await agentStep(desktop, random, world.log);
}

/**
 * The agent works offline on one of her tasks (call started and finished) and the admin deletes
 * it meanwhile: the hub has the task live and hers when she starts. Either it is her only tie to the
 * customer (the deletion takes the customer out of her scope) or she keeps the customer through an
 * issue she registered; either way her work must come back rejected (found-by-chaos.test.ts).
 */
export async function offlineDelete(world: World, random: Random, desktop: DesktopHandle): Promise<void> {
  await offline(world, desktop, async () => {
    await sleep(GHOSTS_MS);
    const snap = await desktop.snapshot();
    const me = snap.me ?? '';
    const mine = snap.tasks.filter((candidate) => candidate.assigned === me && candidate.isOpen === 1).map((candidate) => candidate.id);
    const candidates = await world.hub.pool.query<{ id: string; refs: number }>(
      `SELECT e.id, r.refs FROM entities e JOIN scope_refs r ON r.user_id = $1 AND r.customer_id = e.customer_id
        WHERE e.kind = 'callback_tasks' AND NOT e.deleted AND e.owner_id = $1 AND e.id = ANY($2::text[]) ORDER BY e.id`,
      [me, mine],
    );
    const tied = candidates.rows.filter((row) => Number(row.refs) > 1);
    const only = candidates.rows.filter((row) => Number(row.refs) === 1);
    const task = random.pick(random.chance(0.5) && tied.length > 0 ? tied : only.length > 0 ? only : tied);
    if (!task) return;
    world.events.reserved.add(task.id);
    const ids = await workOffline(desktop, world.log, task.id);
    if ((await adminDelete(world, random, task.id)) && ids.length > 0) world.events.offlineEdits.push({ desktop: desktop.name, taskId: task.id, mutationIds: ids });
    await sleep(random.int(200, 800));
  });
}

/**
 * The lead, offline, moves a task from the owner it sees to another agent, and the admin gives the
 * task to someone other than that owner meanwhile: the lead's change must come back lost_race.
 * Only tasks the lead has no pending change for (its own earlier move would otherwise set the stage).
 */
export async function leadRace(world: World, random: Random, lead: DesktopHandle): Promise<void> {
  if ((await lead.snapshot()).pendingRows.length > 0) await lead.request('settle', {}, 20_000);
  await offline(world, lead, async () => {
    await sleep(GHOSTS_MS);
    const snap = await lead.snapshot();
    const pending = new Set(snap.pendingRows);
    const tasks = snap.tasks.filter(
      (candidate) => candidate.isOpen === 1 && candidate.assigned !== null && world.agentIds.includes(candidate.assigned) && !pending.has(`callback_tasks/${candidate.id}`),
    );
    // A few tries: the task the lead picks may have been deleted on the hub meanwhile.
    for (let attempt = 0; attempt < 5; attempt++) {
      const task = random.pick(tasks.filter((candidate) => !world.events.reserved.has(candidate.id)));
      const to = task && random.pick(world.agentIds.filter((id) => id !== task.assigned));
      if (!task || !to) return;
      world.events.reserved.add(task.id);
      const before = lead.saved.length;
      const assigned = await lead.call('task.assign', { taskId: task.id, agentId: to });
      world.log.op(lead.name, 'task.assign', assigned.ok, `offline, task ${task.id.slice(-6)} -> ${to.slice(-6)}`);
      const ids = lead.saved.slice(before).map((mutation) => mutation.id);
      if ((await adminReassign(world, random, task.id, task.assigned ?? undefined)) && ids.length > 0) {
        world.events.races.push({ taskId: task.id, mutationIds: ids });
        return;
      }
    }
  });
}
