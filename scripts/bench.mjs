// `npm run bench`: every benchmark in test/bench, each printing `BENCH <id> <value> <unit> target <op><n> <ok|MISS>` lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benches = readdirSync(join(root, 'test', 'bench')).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = false;
for (const bench of benches) {
  console.log(`# ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'bench', bench), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
