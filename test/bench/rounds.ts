/**
 * What every benchmark shares besides its BENCH line: alternating rounds (a busy machine slows
 * baseline and subject alike within a round, so the per-round ratio survives it where absolute
 * figures do not), their median, and a loud stop when the workload a bench names did not happen.
 */

export const QUICK = process.argv.includes('--quick');

/** Rounds of baseline-then-subject; fewer with --quick. */
export const ROUNDS = QUICK ? 2 : 3;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Thrown when a bench's workload did not happen: its figure would measure something else. */
export class WorkloadNotDone extends Error {
  override readonly name = 'WorkloadNotDone';
}

/**
 * Stops the bench (non-zero exit) unless `ok`: e.g. 0 callbacks planned where 100k are meant, or
 * an import that created fewer rows than its file has. The message says what was expected.
 */
export function requireWorkload(ok: boolean, what: string): void {
  if (ok) return;
  console.error(`# WORKLOAD NOT DONE: ${what}`);
  throw new WorkloadNotDone(what);
}

/** Per-round ratios and their median, with a `#` line of every round's figure. */
export function medianRatio(label: string, ratios: readonly number[], unit = 'x'): number {
  const value = median(ratios);
  console.log(`# ${label}: per round ${ratios.map((r) => r.toFixed(2)).join(', ')} ${unit}, median ${value.toFixed(2)} ${unit}`);
  return value;
}
