import type { Timers } from '../../src/main/alerts/sla-watcher';
import type { manualClock } from './test-core';

/**
 * Timers that run on a manual clock. `runUntil` moves the clock forward, firing each timer at
 * its own instant, as a running machine would; `sleep` jumps the clock without firing anything,
 * as a suspended laptop does, so the next timer fires late.
 */
export function fakeTimers(clock: ReturnType<typeof manualClock>) {
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: clock.now() + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  const earliest = () => [...pending.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  return {
    timers,
    runUntil(target: number): void {
      for (let guard = 0; guard < 100_000; guard++) {
        const next = earliest();
        if (!next || next[1].at > target) break;
        pending.delete(next[0]);
        if (next[1].at > clock.now()) clock.set(next[1].at);
        next[1].callback();
      }
      if (clock.now() < target) clock.set(target);
    },
    sleep(ms: number): void {
      clock.advance(ms);
    },
    /** Fires whatever is due now (a timer that should have fired during a sleep fires late, once). */
    wake(): void {
      this.runUntil(clock.now());
    },
  };
}
