import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { startDatabase, type Database } from '../../src/server/db/database';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The real hub (`src/server/main.ts`, as `npm run hub` runs it) as a child process on a fixed
 * port, over an embedded PostgreSQL the harness started itself (DATABASE_URL): the hub can be
 * SIGKILLed and started again in a second or two, and the database keeps running through it.
 */
export class HubProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  private constructor(
    private readonly repoRoot: string,
    private readonly db: Database,
    readonly port: number,
    private readonly log: WriteStream,
    private readonly dir: string,
    private readonly env: Record<string, string>,
  ) {}

  /** `env`: more of the hub's settings (e.g. PULL_PAGE_ROWS), kept across restarts. */
  static async create(repoRoot: string, dir: string, env: Record<string, string> = {}): Promise<HubProcess> {
    const db = await startDatabase({ dataDir: join(dir, 'hub-db'), log: silent });
    const log = createWriteStream(join(dir, 'hub.log'), { flags: 'a' });
    return new HubProcess(repoRoot, db, await freePort(), log, dir, env);
  }

  /** The harness's own pool on the hub's database (it outlives hub restarts). */
  get pool(): pg.Pool {
    return this.db.pool;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.child !== null;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) return;
    this.starts += 1;
    const child = spawn(process.execPath, ['--import', 'tsx', join(this.repoRoot, 'src/server/main.ts'), '--port', String(this.port)], {
      cwd: this.repoRoot,
      env: { ...process.env, ...this.env, DATABASE_URL: this.db.url, LOG_LEVEL: 'warn', CARECALL_HUB_DATA: join(this.dir, 'hub-data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.log.write(`# hub exited (${signal ?? code})\n`);
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    child.stderr?.on('data', (chunk: Buffer) => this.log.write(chunk));
    const lines = createInterface({ input: child.stdout! });
    const listening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub did not start within ${timeoutMs} ms`)), timeoutMs);
      lines.on('line', (line) => {
        this.log.write(`${line}\n`);
        if (line.startsWith('CareCall hub: listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the hub exited while starting (${signal ?? code}); see hub.log`));
      });
    });
    await listening;
  }

  /** SIGKILL: no drain, no goodbye; PostgreSQL rolls back whatever was in flight. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    await this.db.stop();
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
