const BASE_MS = 1_000;
const MAX_MS = 60_000;

/**
 * Exponential backoff with full jitter: after n failures wait a random time up to
 * min(60 s, 1 s * 2^(n-1)), so a hub coming back is not hit by every desktop at once.
 */
export function nextBackoffMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
