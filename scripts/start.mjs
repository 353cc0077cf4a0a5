// `npm start`: the desktop app where Electron can start; otherwise, one clear line saying so and
// the same app through the browser host. `npm run browser` (--browser) goes to the host directly.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

ensureBuilt();
const electron = browserOnly ? null : findElectron();
if (electron) {
  const binding = ensureElectronSqlite(electron.version);
  const child = spawn(electron.binary, [root, ...passThrough], {
    stdio: 'inherit',
    env: { ...process.env, ...(binding ? { CARECALL_SQLITE_BINDING: binding } : {}) },
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && code !== null) {
      console.log(`CareCall: Electron exited with code ${code}; serving the app in your browser instead.`);
      runBrowserHost();
    } else process.exit(code ?? (signal ? 1 : 0));
  });
} else {
  runBrowserHost();
}

function runBrowserHost() {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'browser.js'), ...passThrough], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

function findElectron() {
  const require = createRequire(import.meta.url);
  let reason;
  try {
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) {
      const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
      if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        reason = 'there is no display to open a window on';
      } else return { binary, version };
    } else reason = 'its binary is missing';
  } catch {
    reason = 'it is not installed (its binary could not be downloaded)';
  }
  if (!browserOnly) console.log(`CareCall: Electron cannot start here (${reason}); serving the app in your browser instead.`);
  return null;
}

/** Rebuilds only when a source file is newer than the last build. */
function ensureBuilt() {
  const stamp = join(root, 'out', '.built');
  const newest = Math.max(...['src', 'resources', 'electron.vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return;
  console.log('CareCall: building the app (first start, or the sources changed)...');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('CareCall: the build failed (see above).');
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * better-sqlite3 in node_modules is built for Node (tests, browser host). Electron needs its own
 * ABI, so build a second copy for Electron beside it and point the core at that binding.
 */
function ensureElectronSqlite(version) {
  const dir = join(root, 'node_modules', '.carecall', `electron-sqlite-${version}`);
  const binding = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), join(dir, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron-sqlite', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const rebuild = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--module-dir', dir, '--only', 'better-sqlite3', '--version', version, '--force'],
    { stdio: 'inherit' },
  );
  if (rebuild.status !== 0 || !existsSync(binding)) {
    console.log('CareCall: could not build SQLite for Electron; the desktop app may fail to open its store.');
    return null;
  }
  return binding;
}
