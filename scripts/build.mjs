// `npm run build`: electron-vite build. electron-vite reads Electron's version from the electron
// package to pick build targets; where Electron could not be installed, tell it the major we depend on.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
if (!existsSync(join(root, 'node_modules', 'electron', 'package.json')) && !env.ELECTRON_MAJOR_VER) {
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies.electron;
  env.ELECTRON_MAJOR_VER = /\d+/.exec(range)[0];
}
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
