// `npm run test:dates`: the core's tests (test/shared, test/main, test/server, test/renderer) with
// the machine's clock shifted by libfaketime, so a test whose outcome depends on today is found
// before the date it breaks on comes round. The clock keeps running from the shifted start.
//
//   npm run test:dates                           the three default dates below
//   npm run test:dates -- 2031-02-10 2028-12-31  those dates instead
//   npm run test:dates -- --all                  every test, e2e and chaos included
//
// Needs libfaketime (Debian: `apt-get install faketime`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATES = ['2026-01-15', '2027-07-01', '2030-03-01'];
const CORE_TESTS = ['test/shared', 'test/main', 'test/server', 'test/renderer'];

const args = process.argv.slice(2);
const all = args.includes('--all');
const dates = args.filter((arg) => !arg.startsWith('--'));
for (const date of dates) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    console.error(`test:dates: "${date}" is not a date written YYYY-MM-DD`);
    process.exit(2);
  }
}

const LIBRARIES = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/local/lib/faketime/libfaketime.so.1'];
const library = process.env.FAKETIME_LIB ?? LIBRARIES.find((path) => existsSync(path));
if (!library) {
  console.error('test:dates: libfaketime is not installed (Debian: apt-get install faketime; or set FAKETIME_LIB to libfaketime.so.1)');
  process.exit(2);
}

const results = [];
for (const date of dates.length > 0 ? dates : DEFAULT_DATES) {
  console.log(`\n# test:dates ${date} 02:00 machine time (10:00 in Shanghai on a UTC machine), clock running`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...(all ? [] : CORE_TESTS)], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(':'),
      // '@' starts the clock at that instant and lets it run; without it time would stand still.
      FAKETIME: `@${date} 02:00:00`,
      // The shifted clock is for dates; timers and timeouts keep measuring real time.
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    },
  });
  results.push({ date, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\n# test:dates summary');
for (const result of results) console.log(`${result.date}: ${result.ok ? 'passed' : 'FAILED'} in ${result.seconds} s`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
