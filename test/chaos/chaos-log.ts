/**
 * What a chaos run did, as it goes: one line per operation and fault (printed at once by
 * `npm run chaos`, kept as a tail for a failing test), and counters for the final summary.
 */
export class ChaosLog {
  readonly ops: Record<string, number> = {};
  /** Operations the core refused (the task had just been taken away, and the like). */
  readonly refused: Record<string, number> = {};
  readonly faults: Record<string, number> = {};
  private readonly tail: string[] = [];
  private readonly started = Date.now();

  constructor(
    readonly seed: number,
    private readonly print: ((line: string) => void) | null,
    private readonly keep = 400,
  ) {}

  line(text: string): void {
    const stamped = `${((Date.now() - this.started) / 1000).toFixed(2).padStart(7)}s ${text}`;
    this.tail.push(stamped);
    if (this.tail.length > this.keep) this.tail.shift();
    this.print?.(stamped);
  }

  op(desktop: string, name: string, ok: boolean, detail = ''): void {
    const table = ok ? this.ops : this.refused;
    table[name] = (table[name] ?? 0) + 1;
    this.line(`op    ${desktop.padEnd(6)} ${name}${ok ? '' : ' REFUSED'}${detail ? ` ${detail}` : ''}`);
  }

  fault(kind: string, detail = ''): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
    this.line(`FAULT ${kind}${detail ? ` ${detail}` : ''}`);
  }

  recent(): string[] {
    return [...this.tail];
  }
}
