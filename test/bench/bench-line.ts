/**
 * Prints one benchmark figure in the form everyone greps for:
 * `BENCH <id> <value> <unit> target <op><number> <ok|MISS>`.
 */
export function bench(id: string, value: number, unit: string, op: '<=' | '>=', target: number, digits = 1): void {
  const ok = op === '<=' ? value <= target : value >= target;
  console.log(`BENCH ${id} ${Number(value.toFixed(digits))} ${unit} target ${op}${target} ${ok ? 'ok' : 'MISS'}`);
}
