/** One invariant's outcome: a name, and the offending ids when it failed. */
export interface InvariantResult {
  name: string;
  ok: boolean;
  problems: string[];
}

const MAX_PROBLEMS = 25;

export function verdict(name: string, problems: string[]): InvariantResult {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`... and ${problems.length - MAX_PROBLEMS} more`);
  return { name, ok: problems.length === 0, problems: shown };
}
