import { join } from 'node:path';
import type { ApiName, ApiOutput } from '../../src/shared/api/contract';
import type { ApiResult } from '../../src/shared/api/result';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');

/** A clock the test moves by hand. 2026-11-23 10:00 in Shanghai unless told otherwise. */
export function manualClock(start = Date.UTC(2026, 10, 23, 2, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    set: (at: number) => {
      now = at;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The SLA watcher stays off unless a test drives it (test/main/sla-watcher.test.ts). */
export function startCore(dataDir: string, clock: { now: () => number } = manualClock(), resourcesDir = RESOURCES_DIR, extra: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir, resourcesDir, clock, log: () => undefined, watch: false, ...extra });
}

/** Calls through the real dispatcher (validation included) and unwraps a success. */
export async function call<N extends ApiName>(core: Core, name: N, input: unknown): Promise<ApiOutput<N>> {
  const result = (await core.dispatch(name, input)) as ApiResult<ApiOutput<N>>;
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
