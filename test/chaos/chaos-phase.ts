import { DesktopKilled, type DesktopHandle } from './desktop-handle';
import { adminDelete, adminReassign, forge } from './hub-actions';
import { leadRace, offlineDelete, stepUntilSaved } from './scenarios';
import { sleep, type Random } from './random';
import { agentStep, leadStep } from './workload';
import type { World } from './world';

/** One desktop's work at a time: the operation loop and a scripted scenario never interleave. */
class Locks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, body: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(key, previous.then(() => mine));
    await previous;
    try {
      return await body();
    } finally {
      release();
    }
  }
}

const SCENARIOS = { 'offline-delete': 1, 'lead-race': 1, 'kill-before-push': 2, 'kill-after-hub-commit': 2, 'hub-restart': 1, forged: 2 } as const;
type Scenario = keyof typeof SCENARIOS;

/**
 * The fault phase: every desktop works on in its own loop while a killer SIGKILLs desktops at
 * random moments (restarting them after a while), the admin deletes and reassigns tasks, the proxy
 * cuts, duplicates and delays requests, and scripted scenarios run at seeded times: work saved
 * offline on a task deleted meanwhile, the lead reassigning on a stale view while the admin moves
 * the task, a kill while a push waits in the proxy, a kill right after the hub committed a push, a
 * hub restart, forged requests.
 */
export async function runChaosPhase(world: World): Promise<void> {
  const { log, proxy, options } = world;
  const started = Date.now();
  const end = started + options.seconds * 1000;
  const over = () => Date.now() >= end;
  const locks = new Locks();
  const restarts = new Set<Promise<void>>();

  const restartLater = (desktop: DesktopHandle, delayMs: number) => {
    const restart = sleep(delayMs)
      .then(() => desktop.start())
      .then(() => log.line(`desktop ${desktop.name} restarted on its data folder`))
      .catch((error: unknown) => {
        log.line(`desktop ${desktop.name} did not restart: ${String(error)}`);
        // Killed while it was starting (the killer does not wait for a start to finish): try again,
        // so one unlucky kill does not keep it away for the rest of the run. One that cannot start
        // at all fails the settle phase, which starts every desktop once more.
        if (!over()) restartLater(desktop, 1000);
      });
    restarts.add(restart);
    void restart.finally(() => restarts.delete(restart));
  };

  const opLoop = async (desktop: DesktopHandle) => {
    const random = world.random.fork(`ops-${desktop.name}`);
    const isLead = desktop === world.lead;
    while (!over()) {
      if (desktop.alive) {
        try {
          await locks.run(desktop.name, () => (isLead ? leadStep(desktop, random, log, world.agentIds) : agentStep(desktop, random, log)));
        } catch (error) {
          if (!(error instanceof DesktopKilled)) log.line(`desktop ${desktop.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      await sleep(isLead ? random.int(600, 1600) : random.int(120, 400));
    }
  };

  const killerLoop = async () => {
    const random = world.random.fork('killer');
    await sleep(random.int(1500, 3500));
    while (!over()) {
      const victim = random.pick(world.desktops.filter((desktop) => desktop.alive && desktop.protectedUntil < Date.now()));
      if (victim) {
        await victim.kill();
        log.fault('kill-desktop', victim.name);
        restartLater(victim, random.int(300, 2000));
      }
      await sleep(random.int(2500, 6000));
    }
  };

  const adminLoop = async () => {
    const random = world.random.fork('admin');
    await sleep(random.int(1500, 3000));
    while (!over()) {
      try {
        if (random.chance(0.5)) await adminDelete(world, random);
        else await adminReassign(world, random);
      } catch (error) {
        log.line(`admin: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(random.int(2500, 5000));
    }
  };

  /** Runs `body` on one desktop (an agent's by default), with the killer kept away and the operation loop paused. */
  const onAgent = async (random: Random, body: (desktop: DesktopHandle) => Promise<void>, desktop = random.pick(world.agents)) => {
    if (!desktop) return;
    desktop.protectedUntil = Number.MAX_SAFE_INTEGER;
    try {
      await locks.run(desktop.name, async () => {
        await desktop.start();
        await body(desktop);
      });
    } finally {
      desktop.protectedUntil = 0;
    }
  };

  const scenario = async (kind: Scenario, random: Random) => {
    switch (kind) {
      case 'hub-restart':
        await world.hub.kill();
        log.fault('hub-kill', 'SIGKILL');
        await sleep(random.int(300, 1500));
        await world.hub.start();
        log.line('hub restarted on the same port');
        return;
      case 'forged':
        return forge(world, random);
      case 'offline-delete':
        return onAgent(random, (desktop) => offlineDelete(world, random, desktop));
      case 'lead-race':
        return onAgent(random, (lead) => leadRace(world, random, lead), world.lead);
      case 'kill-before-push':
        return onAgent(random, async (desktop) => {
          const held = proxy.holdNextPush(desktop.name, 6_000);
          try {
            await stepUntilSaved(desktop, random, world);
            await desktop.call('sync.now', {});
            if (await held.arrived) {
              await desktop.kill();
              log.fault('kill-before-push', `${desktop.name} killed while its push was held in the proxy`);
              restartLater(desktop, random.int(300, 1500));
            } else {
              log.line(`${desktop.name} had nothing to push`);
            }
          } finally {
            held.release();
          }
        });
      case 'kill-after-hub-commit':
        return onAgent(random, async (desktop) => {
          let killed: () => void = () => undefined;
          const done = new Promise<void>((resolve) => (killed = resolve));
          const cancel = proxy.killAfterCommit(desktop.name, async (status) => {
            await desktop.kill();
            log.fault('kill-after-hub-commit', `${desktop.name} killed after the hub answered ${status}, before the answer arrived`);
            restartLater(desktop, random.int(300, 1500));
            killed();
          });
          let hit = false;
          try {
            try {
              await stepUntilSaved(desktop, random, world);
              await desktop.call('sync.now', {});
            } catch (error) {
              // Killed by the hook above while the step was still answering: that is the point.
              if (!(error instanceof DesktopKilled)) throw error;
            }
            hit = await Promise.race([done.then(() => true), sleep(6_000).then(() => false)]);
          } finally {
            if (!hit) cancel();
          }
          if (!hit) log.line(`${desktop.name} had nothing to push`);
        });
    }
  };

  const scenarioLoop = async () => {
    const random = world.random.fork('scenarios');
    const blocks = Math.max(1, Math.round(options.seconds / 30));
    const plan: { at: number; kind: Scenario }[] = [];
    for (let block = 0; block < blocks; block++) {
      for (const [kind, count] of Object.entries(SCENARIOS) as [Scenario, number][]) {
        for (let n = 0; n < count; n++) plan.push({ at: ((block + 0.08 + random.next() * 0.8) / blocks) * options.seconds * 1000, kind });
      }
    }
    plan.sort((a, b) => a.at - b.at);
    log.line(`scenarios: ${plan.map((item) => `${item.kind} at ${(item.at / 1000).toFixed(1)} s`).join(', ')}`);
    // Each starts at its time, whether or not the one before is done (they take each desktop's lock).
    await Promise.all(
      plan.map(async (item, index) => {
        await sleep(Math.max(0, started + item.at - Date.now()));
        if (over()) return;
        try {
          await scenario(item.kind, world.random.fork(`scenario-${index}`));
        } catch (error) {
          if (!(error instanceof DesktopKilled)) log.line(`scenario ${item.kind}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  };

  proxy.faults = true;
  log.line(`fault phase: ${options.seconds} s, ${world.desktops.length} desktops`);
  try {
    await Promise.all([...world.desktops.map(opLoop), killerLoop(), adminLoop(), scenarioLoop()]);
  } finally {
    proxy.faults = false;
    while (restarts.size > 0) await Promise.all([...restarts]);
  }
  log.line('fault phase over: faults off, settling');
}
