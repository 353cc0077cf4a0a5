/**
 * Queue benchmark: for stores of 100k and 1M callback tasks, the time to fetch the first queue
 * page (100 rows, my open tasks of one type, by priority and due time) against a raw
 * primary-key range read of 100 rows in the same run. Alternating rounds (raw read, queue page,
 * raw read, ... within each), the ratio of their p95s per round, and the median of those ratios
 * as the figure: a busy machine slows both alike. Absolute times are printed as `#` lines.
 * Prints BENCH lines; `--quick` runs 10k tasks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CALLBACK_TYPES } from '../../src/shared/domain/model';
import { fillBigStore } from '../support/big-store';
import { bench } from './bench-line';
import { rawPrimaryKeyReader, rawStartIds } from './raw-read';
import { median, medianRatio, percentile, QUICK, requireWorkload } from './rounds';

const AGENTS = 20;
/** Rounds are cheap here (a page is a millisecond): more of them make the median steadier. */
const ROUNDS = QUICK ? 3 : 5;
const SAMPLES = 200;
const TARGET_RATIO = 3;
const DAY = 86_400_000;
/** The bench's clock: its start; the store's due dates are relative to it. */
const now = Date.now();

function run(size: number, label: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-'));
  try {
    const filled = performance.now();
    const { store, agentIds, taskRepo } = fillBigStore(dir, { tasks: size, agents: AGENTS, now });
    console.log(`# ${label}: filled ${size} tasks in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
    const clock = { now, endOfToday: now + DAY };
    // Raw reads start 10 ids apart, so they do not read the same rows again and again.
    const starts = rawStartIds(store.db, ROUNDS * SAMPLES * 10);
    requireWorkload(starts.length === ROUNDS * SAMPLES * 10, `the store holds ${starts.length} tasks, fewer than the raw reads need`);
    const readRaw = rawPrimaryKeyReader(store.db);
    const ratios: number[] = [];
    const queueP95: number[] = [];
    const rawP95: number[] = [];
    let pages = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const queueTimes: number[] = [];
      const rawTimes: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const agent = agentIds[(round * SAMPLES + i) % AGENTS]!;
        const type = CALLBACK_TYPES[i % CALLBACK_TYPES.length]!;
        let t = performance.now();
        const raw = readRaw(starts[(round * SAMPLES + i) * 10]!);
        rawTimes.push(performance.now() - t);
        requireWorkload(raw === 100, `a raw read returned ${raw} rows, not 100`);
        t = performance.now();
        const page = taskRepo.queuePage(agent, { types: [type] }, undefined, clock, 0, 100);
        queueTimes.push(performance.now() - t);
        requireWorkload(page.length === 100, `a queue page (agent ${agent}, ${type}) had ${page.length} rows, not a full page of 100`);
        pages += 1;
      }
      queueP95.push(percentile(queueTimes, 0.95));
      rawP95.push(percentile(rawTimes, 0.95));
      ratios.push(percentile(queueTimes, 0.95) / percentile(rawTimes, 0.95));
    }
    console.log(`# ${label}: ${pages} full queue pages and as many raw 100-row reads in ${ROUNDS} rounds; queue page p95 ${median(queueP95).toFixed(3)} ms, raw read p95 ${median(rawP95).toFixed(3)} ms (medians of the rounds)`);
    bench(`queue-page-${label}-ratio`, medianRatio(`${label} queue page p95 / raw read p95`, ratios), 'x', '<=', TARGET_RATIO, 2);
    store.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = QUICK ? [['10k', 10_000]] : [['100k', 100_000], ['1m', 1_000_000]];
for (const [label, size] of sizes) run(size as number, label as string);
