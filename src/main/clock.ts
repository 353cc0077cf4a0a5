/** The one injectable clock: the core never reads Date.now() directly, so tests can drive time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that can be moved: tests of the SLA watcher, and the browser host in test mode only
 * (`--test-clock`), where an end-to-end test jumps ahead to see a breach notification.
 */
export class AdjustableClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  set(at: number): void {
    this.offset = at - this.base.now();
  }
}
