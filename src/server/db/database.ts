import pg from 'pg';
import { startEmbeddedServer, type DbLog } from './embedded-server';

export { DatabaseInUseError, type DbLog } from './embedded-server';

export const HUB_DATABASE = 'carecall';

export interface Database {
  pool: pg.Pool;
  /** Connection string of the hub's database (holds a password: do not log it). */
  url: string;
  /** Ends the pool, then stops the embedded server if this process started it. */
  stop(): Promise<void>;
}

export interface StartDatabaseOptions {
  /** The hub's data folder; the embedded server lives in `<dataDir>/pg`. */
  dataDir: string;
  /** A PostgreSQL to use instead of the embedded one. */
  databaseUrl?: string;
  log: DbLog;
}

/** With a databaseUrl, a pool on it; without, the embedded PostgreSQL of the data folder. */
export async function startDatabase(options: StartDatabaseOptions): Promise<Database> {
  const { log } = options;
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl, log);
    await checkReachable(pool, options.databaseUrl);
    return { pool, url: options.databaseUrl, stop: once(() => pool.end()) };
  }
  const server = await startEmbeddedServer(options.dataDir, log);
  let pool: pg.Pool;
  try {
    await ensureDatabase(server.url('postgres'), HUB_DATABASE);
    pool = createPool(server.url(HUB_DATABASE), log);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    pool,
    url: server.url(HUB_DATABASE),
    stop: once(async () => {
      await pool.end();
      await server.stop();
    }),
  };
}

const INT8_OID = 20;

/** Versions, sequences and epoch milliseconds are bigint columns; all fit in 2^53. */
function parseInt8(value: string): number {
  return Number(value);
}

/** Set per pool rather than on pg.types, so other pg users in the process keep the defaults. */
const hubTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Every pool of the hub (tests included) goes through here, for the int8 parser and the error handler. */
export function createPool(url: string, log?: Pick<DbLog, 'warn'>): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types: hubTypes, connectionTimeoutMillis: 5_000, max: 10 });
  // An idle connection that dies (database restarted) emits 'error'; unhandled, it would end the process.
  pool.on('error', (error) => log?.warn(`database connection lost: ${error.message}`));
  return pool;
}

async function checkReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`Cannot reach the database at ${withoutPassword(url)}: ${(error as Error).message}`);
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
