import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AdjustableClock } from '../clock';
import { createCore } from '../core';
import { defaultDataDir } from '../paths';
import { startBrowserHost } from './browser-host';

/**
 * `npm run browser` (and `npm start` where Electron cannot start): the core under plain Node,
 * the built renderer over loopback. Prints one line with the URL and its token.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      empty: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      // End-to-end tests only: lets a test move the core's clock to see SLA alerts fire.
      'test-clock': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const appRoot = findAppRoot(here);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const testClock = values['test-clock'] ? new AdjustableClock() : undefined;
  const core = createCore({ dataDir, resourcesDir: join(appRoot, 'resources'), clock: testClock });
  const empty = values.empty || process.env.CARECALL_EMPTY === '1';
  if (!empty && core.ensureDemoWorkspace()) console.log('CareCall: created the demo workspace');
  const requestedPort = Number(values.port ?? process.env.CARECALL_PORT ?? 5183);
  const hostOptions = {
    core,
    rendererDir: join(appRoot, 'out', 'renderer'),
    testClock: testClock ? { clock: testClock, changed: () => core.clockChanged() } : undefined,
  };
  const host = await startBrowserHost({ ...hostOptions, port: requestedPort }).catch(
    (error: NodeJS.ErrnoException) => {
      // The default port is taken (another CareCall?): any free port will do.
      if (error.code === 'EADDRINUSE' && values.port === undefined) {
        return startBrowserHost({ ...hostOptions, port: 0 });
      }
      throw error;
    },
  );
  if (testClock) console.log('CareCall: TEST MODE: POST /test/clock moves the clock; never use this for real work');
  console.log(`CareCall: ${host.url}`);
  console.log(`CareCall: data in ${dataDir}`);
  const stop = (): void => {
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The folder holding package.json: two levels up from out/main, three from src/main/browser-host. */
function findAppRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(start, '..', '..');
}

main().catch((error: unknown) => {
  console.error(`CareCall: the browser host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
