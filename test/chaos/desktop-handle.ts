import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ApiResult } from '../../src/shared/api/result';
import type { DesktopConfig, DesktopDump, DesktopSnapshot, SavedRow } from './desktop-protocol';

/** The desktop process died (SIGKILL) before it answered. */
export class DesktopKilled extends Error {
  constructor(name: string) {
    super(`desktop ${name} was killed`);
  }
}

/** A mutation the desktop reported saved: its outbox row had committed when the call returned. */
export interface SavedMutation extends SavedRow {
  desktop: string;
  args: unknown;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The harness's side of one desktop process: start it (again, on the same data folder), send
 * commands and await their answers, SIGKILL it. Everything it reported saved is kept here.
 */
export class DesktopHandle {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  readonly saved: SavedMutation[] = [];
  clientId: string | null = null;
  starts = 0;
  /** Scripted scenarios run on this desktop: the random killer leaves it alone meanwhile. */
  protectedUntil = 0;

  constructor(
    readonly name: string,
    readonly username: string,
    readonly config: DesktopConfig,
    private readonly repoRoot: string,
    private readonly log: WriteStream,
  ) {}

  get alive(): boolean {
    return this.child !== null;
  }

  get token(): string | null {
    try {
      return readFileSync(join(this.config.dataDir, 'hub-session'), 'utf8').trim() || null;
    } catch {
      return null;
    }
  }

  private starting: Promise<void> | null = null;

  /** Starts the process (again) on the same data folder; concurrent calls share one start. */
  start(timeoutMs = 60_000): Promise<void> {
    if (this.child && !this.starting) return Promise.resolve();
    this.starting ??= this.spawn(timeoutMs).finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async spawn(timeoutMs: number): Promise<void> {
    this.starts += 1;
    const child = spawn(process.execPath, ['--import', 'tsx', join(this.repoRoot, 'test/chaos/desktop-process.ts'), JSON.stringify(this.config)], {
      cwd: this.repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdin?.on('error', () => undefined);
    child.stderr?.on('data', (chunk: Buffer) => this.log.write(`[${this.name}] ${chunk.toString('utf8')}`));
    let ready: (value: void) => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    const started = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        for (const [id, waiting] of this.waiting) {
          clearTimeout(waiting.timer);
          waiting.reject(new DesktopKilled(this.name));
          this.waiting.delete(id);
        }
        failed(new Error(`desktop ${this.name} exited while starting (${signal ?? code})`));
        resolve();
      }),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let message: { id?: number; event?: string; ok?: boolean; value?: unknown; error?: string };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        this.log.write(`[${this.name}] stdout: ${line}\n`);
        return;
      }
      if (message.event === 'ready') {
        ready();
        return;
      }
      const waiting = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.waiting.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(`desktop ${this.name}: ${message.error}`));
    });
    const timer = setTimeout(() => failed(new Error(`desktop ${this.name} did not start within ${timeoutMs} ms`)), timeoutMs);
    try {
      await started;
    } finally {
      clearTimeout(timer);
    }
  }

  request<T>(cmd: string, fields: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    const child = this.child;
    if (!child?.stdin) return Promise.reject(new DesktopKilled(this.name));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`desktop ${this.name}: ${cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      child.stdin!.write(`${JSON.stringify({ id, cmd, ...fields })}\n`);
    });
  }

  /** One core call; what it committed is recorded as saved (the UI would now say "saved"). */
  async call<T = unknown>(name: string, input: unknown): Promise<ApiResult<T>> {
    const { result, saved } = await this.request<{ result: ApiResult<T>; saved: SavedRow[] }>('call', { name, input });
    for (const row of saved) this.saved.push({ ...row, desktop: this.name, args: input });
    return result;
  }

  snapshot(): Promise<DesktopSnapshot> {
    return this.request<DesktopSnapshot>('snapshot');
  }

  dump(stopSync = false): Promise<DesktopDump> {
    return this.request<DesktopDump>('dump', { stopSync });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Ends the process politely (stdin closed: the core closes its store), or kills it after a while. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}
