// Electron is an optional dependency: where its binary cannot be downloaded, npm drops the
// package and the app runs through the browser host instead. The Electron adapter must still
// typecheck, so keep a copy of the matching electron.d.ts (fetched from the npm registry as a
// package tarball, no binary) where tsconfig's "paths" falls back to it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const typesDir = join(root, 'node_modules', '.carecall', 'electron-types');
if (existsSync(join(root, 'node_modules', 'electron', 'electron.d.ts'))) {
  // The real package is here: a stale copy would declare the module twice.
  rmSync(typesDir, { recursive: true, force: true });
  process.exit(0);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const range = pkg.optionalDependencies.electron;
const stamp = join(typesDir, 'range.txt');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === range) process.exit(0);

try {
  rmSync(typesDir, { recursive: true, force: true });
  mkdirSync(typesDir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tarball = execFileSync(npm, ['pack', `electron@${range}`, '--silent'], { cwd: typesDir, encoding: 'utf8', shell: process.platform === 'win32' })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', join(typesDir, tarball), '-C', typesDir, '--strip-components=1', 'package/electron.d.ts']);
  rmSync(join(typesDir, tarball));
  writeFileSync(stamp, range);
  console.log('CareCall: Electron is not installed here; the app will run through the browser host (npm start says so).');
} catch (error) {
  // Not fatal: only the adapter's typecheck needs these typings.
  console.warn(`CareCall: could not fetch Electron typings: ${error.message}`);
}
