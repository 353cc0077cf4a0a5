import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach } from 'vitest';
import { REPO_ROOT } from '../../support/test-core';

export interface HostProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts browser hosts for a test, and stops every one of them after it, also when the test fails. */
export function useHosts(): (dataDir: string, extraArgs?: string[]) => Promise<HostProcess> {
  const started: HostProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((host) => host.stop()));
  });
  return async (dataDir, extraArgs) => {
    const host = await startHostProcess(dataDir, extraArgs);
    started.push(host);
    return host;
  };
}

/** Runs the built browser host exactly as `npm run browser` does, on a free port and its own data folder. */
export async function startHostProcess(dataDir: string, extraArgs: string[] = []): Promise<HostProcess> {
  const entry = join(REPO_ROOT, 'out', 'main', 'browser.js');
  if (!existsSync(entry)) throw new Error('out/main/browser.js is missing: npm test builds it first (npm run build).');
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^CareCall: (http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+$/.exec(line);
    if (match) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return {
        url: line.slice('CareCall: '.length),
        origin: match[1]!,
        child,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
  }
  throw new Error('the browser host exited before printing its URL');
}
