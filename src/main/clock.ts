/** The one injectable clock: the core never reads Date.now() directly, so tests can drive time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
