import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaosPhase } from './chaos-phase';
import { checkInvariants } from './invariants';
import { collect, settle, type Evidence } from './settle';
import { verdict, type InvariantResult } from './verdict';
import { buildWorld, tearDown, type ChaosOptions, type World } from './world';

export type { ChaosOptions } from './world';

/**
 * The fault-injection harness for sync (issue 5): a real hub as a child process on an embedded
 * PostgreSQL, desktop cores as separate processes signed in through a fault proxy, a seeded fault
 * phase (cut, duplicated and delayed requests, SIGKILLed desktops and hub, forged requests,
 * deletions, reassignment races, clock skew), then faults off, everything settled, and the
 * invariants checked. `runChaos` never throws for a failed invariant: it reports them.
 */
export interface ChaosReport {
  seed: number;
  ok: boolean;
  invariants: InvariantResult[];
  /** The final summary, one line each (ops, faults, counts, PASS/FAIL per invariant). */
  summary: string[];
  /** The last lines of the run's log, for a failure message. */
  tail: string[];
  dir: string;
}

const SETTLE_TIMEOUT_MS = 90_000;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const world = await buildWorld(options);
  try {
    await runChaosPhase(world);
    const invariants: InvariantResult[] = [];
    try {
      await settle(world, SETTLE_TIMEOUT_MS);
      invariants.push(verdict('0. everything settles (all desktops online, outboxes empty)', []));
    } catch (error) {
      invariants.push(verdict('0. everything settles (all desktops online, outboxes empty)', [error instanceof Error ? error.message : String(error)]));
      for (const file of ['desktops.log', 'hub.log']) {
        const lines = readFileSync(join(world.dir, file), 'utf8').split('\n').filter((line) => line && !line.includes('"level":30'));
        for (const line of lines.slice(-25)) world.log.line(`${file}: ${line.slice(0, 300)}`);
      }
    }
    const evidence = await collect(world);
    invariants.push(...checkInvariants(world, evidence));
    const ok = invariants.every((invariant) => invariant.ok);
    return { seed: options.seed, ok, invariants, summary: summarise(world, evidence, invariants, ok), tail: world.log.recent(), dir: world.dir };
  } catch (error) {
    world.log.line(`the run broke off: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    throw Object.assign(new Error(`chaos run with seed ${options.seed} broke off: ${error instanceof Error ? error.message : String(error)}\n${world.log.recent().slice(-60).join('\n')}`), { cause: error });
  } finally {
    await tearDown(world);
  }
}

const counted = (table: Record<string, number>): string =>
  Object.entries(table)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key} ${value}`)
    .join(', ') || 'none';

function summarise(world: World, evidence: Evidence, invariants: InvariantResult[], ok: boolean): string[] {
  const { log, proxy, options } = world;
  let applied = 0;
  let rejected = 0;
  let foreign = 0;
  const codes: Record<string, number> = {};
  const forged = new Set(world.events.forged.flatMap((attempt) => attempt.mutationIds));
  for (const rows of evidence.log.values()) {
    for (const row of rows) {
      if (forged.has(row.mutationId)) foreign += 1;
      else if (row.status === 'applied') applied += 1;
      else {
        rejected += 1;
        codes[row.code ?? '?'] = (codes[row.code ?? '?'] ?? 0) + 1;
      }
    }
  }
  const saved = evidence.desktops.reduce((sum, desktop) => sum + desktop.saved.length, 0);
  const pending = evidence.desktops.reduce((sum, desktop) => sum + desktop.dump.outbox.length, 0);
  const created = applied + rejected + pending;
  const pulls = evidence.desktops.reduce((sum, desktop) => sum + desktop.pulls.length, 0);
  const resets = evidence.desktops.reduce((sum, desktop) => sum + desktop.pulls.filter((page) => page.reset).length, 0);
  const ops = Object.values(log.ops).reduce((sum, n) => sum + n, 0);
  const faults = Object.values(log.faults).reduce((sum, n) => sum + n, 0) + Object.values(proxy.counts).reduce((sum, n) => sum + n, 0);
  const lines = [
    `CHAOS seed=${options.seed} seconds=${options.seconds} desktops=${world.desktops.map((desktop) => `${desktop.name}(${(desktop.config.skewMs / 3600_000).toFixed(1)}h, started ${desktop.starts}x)`).join(' ')}`,
    `ops (${ops}): ${counted(log.ops)}`,
    `ops refused by the core: ${counted(log.refused)}`,
    `faults (${faults}): ${counted(log.faults)}`,
    `proxy faults: ${counted(proxy.counts)}`,
    `hub 5xx answers: ${counted(proxy.hubErrors)}; hub starts ${world.hub.starts}`,
    `desktop mutations: saved ${saved}, created ${created} = applied ${applied} + rejected ${rejected} (${counted(codes)}) + pending ${pending}; forged under their client ids ${foreign}`,
    `pulls delivered ${pulls} (resets ${resets}); tasks deleted ${world.events.deleted.length}; offline edits on deleted tasks ${world.events.offlineEdits.reduce((sum, edit) => sum + edit.mutationIds.length, 0)}; forged requests ${world.events.forged.length}`,
  ];
  for (const invariant of invariants) {
    lines.push(`${invariant.ok ? 'PASS' : 'FAIL'} ${invariant.name}`);
    for (const problem of invariant.problems) lines.push(`     - ${problem}`);
  }
  lines.push(`RESULT ${ok ? 'PASS' : 'FAIL'} seed=${options.seed} (replay: CHAOS_SEED=${options.seed} CHAOS_SECONDS=${options.seconds} npm run chaos)`);
  return lines;
}
