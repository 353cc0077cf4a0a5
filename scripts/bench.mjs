// `npm run bench`: every benchmark in test/bench, one at a time, each printing
// `BENCH <id> <value> <unit> target <op><n> <ok|MISS>` lines (test/bench/bench-line.ts).
// `npm run bench -- import queue-page` runs only the benches whose file names start with those
// words; `--quick` (and any other --option) is passed to each bench. A bench whose workload did
// not happen exits non-zero; this script says which ones did and exits non-zero too.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith('--'));
const options = args.filter((arg) => arg.startsWith('--'));
const benches = readdirSync(join(root, 'test', 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark in test/bench matches ${only.join(', ')}`);
  process.exit(1);
}
const failed = [];
for (const bench of benches) {
  console.log(`# ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'bench', bench), ...options], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed.push(`${bench} (exit ${result.status ?? result.signal})`);
}
if (failed.length > 0) console.error(`# FAILED: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
