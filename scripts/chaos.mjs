// `npm run chaos`: the sync fault-injection harness (test/chaos) with a longer run and more desktops
// than the test's. CHAOS_SEED replays a run; CHAOS_SECONDS, CHAOS_AGENTS, CHAOS_TASKS size it;
// CHAOS_KEEP=1 keeps its folder; CHAOS_QUIET=1 prints the summary only. Exit code 1: an invariant failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'chaos', 'run-chaos.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
