import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { LoggerOptions } from 'pino';
import { buildHub, type BuildHubOptions } from './app';
import { systemClock, type Clock } from './clock';
import { startDatabase } from './db/database';
import { migrate } from './db/migrate';
import { createHubLogger } from './logger';

export interface StartHubOptions {
  /** Holds the embedded PostgreSQL (`<dataDir>/pg`) when there is no databaseUrl. */
  dataDir: string;
  databaseUrl?: string;
  /** 0 picks a free port. */
  port: number;
  host: string;
  clock?: Clock;
  /** Logger options (secrets are always redacted), or false for silence. Default: info. */
  logger?: LoggerOptions | false;
  sessionTtlMs?: number;
  loginRateLimit?: BuildHubOptions['loginRateLimit'];
  trustProxy?: BuildHubOptions['trustProxy'];
  routes?: BuildHubOptions['routes'];
  /** How long close() waits for requests still running before it cuts their connections. Default 10 s. */
  closeGraceMs?: number;
}

export interface RunningHub {
  /** Where it listens, e.g. http://127.0.0.1:8787. */
  url: string;
  pool: pg.Pool;
  app: FastifyInstance;
  /** Stops taking requests, lets the running ones finish, then stops the database. */
  close(): Promise<void>;
}

/** Database, migrations, HTTP: the whole hub, listening. Used by `npm run hub` and by tests. */
export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const log = createHubLogger(options.logger === false ? { level: 'silent' } : options.logger);
  const db = await startDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, log });
  let app: FastifyInstance | undefined;
  try {
    const { applied, version } = await migrate(db.pool);
    log.info(applied.length > 0 ? `database migrated to schema ${version} (applied ${applied.join(', ')})` : `database schema ${version} is current`);
    app = await buildHub({
      pool: db.pool,
      clock: options.clock ?? systemClock,
      logger: log,
      sessionTtlMs: options.sessionTtlMs,
      loginRateLimit: options.loginRateLimit,
      trustProxy: options.trustProxy,
      routes: options.routes,
    });
    const url = await app.listen({ port: options.port, host: options.host });
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      url,
      pool: db.pool,
      app: running,
      close: () =>
        (closing ??= (async () => {
          // Open event streams never end by themselves; past the grace period they are cut.
          const cut = setTimeout(() => running.server.closeAllConnections(), options.closeGraceMs ?? 10_000);
          try {
            await running.close();
          } finally {
            clearTimeout(cut);
            await db.stop();
          }
        })()),
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    throw error;
  }
}
