/**
 * Queue benchmark: for stores of 100k and 1M callback tasks, the time to fetch the first queue
 * page (100 rows, my open tasks of one type, by priority and due time) against a raw
 * primary-key range read of 100 rows in the same run. Prints BENCH lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CALLBACK_TYPES } from '../../src/shared/domain/model';
import { fillBigStore } from '../support/big-store';
import { rawPrimaryKeyReader, rawStartIds } from './raw-read';

const AGENTS = 20;
const SAMPLES = 300;
const TARGET_RATIO = 3;
const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 2);

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)] as number;
}

function run(size: number, label: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'carecall-bench-'));
  try {
    const filled = performance.now();
    const { store, agentIds, taskRepo } = fillBigStore(dir, { tasks: size, agents: AGENTS, now });
    console.log(`# ${label}: filled ${size} tasks in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
    const clock = { now, endOfToday: now + DAY };
    const starts = rawStartIds(store.db, SAMPLES * 10);
    const readRaw = rawPrimaryKeyReader(store.db);
    const queueTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const agent = agentIds[i % AGENTS]!;
      const type = CALLBACK_TYPES[i % CALLBACK_TYPES.length]!;
      // Interleave the two so machine noise hits both alike.
      let t = performance.now();
      const page = taskRepo.queuePage(agent, { types: [type] }, undefined, clock, 0, 100);
      queueTimes.push(performance.now() - t);
      if (page.length !== 100) throw new Error(`expected a full page, got ${page.length}`);
      t = performance.now();
      const raw = readRaw(starts[i * 10]!);
      rawTimes.push(performance.now() - t);
      if (raw !== 100) throw new Error(`expected 100 raw rows, got ${raw}`);
    }
    const ratio = p95(queueTimes) / p95(rawTimes);
    console.log(`# ${label}: queue page p95 ${p95(queueTimes).toFixed(3)} ms, raw 100-row read p95 ${p95(rawTimes).toFixed(3)} ms`);
    console.log(`BENCH queue-page-${label}-p95-ms ${p95(queueTimes).toFixed(3)} ms target <=50 ${p95(queueTimes) <= 50 ? 'ok' : 'MISS'}`);
    console.log(`BENCH queue-page-${label}-ratio ${ratio.toFixed(2)} x target <=${TARGET_RATIO} ${ratio <= TARGET_RATIO ? 'ok' : 'MISS'}`);
    store.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv.includes('--quick') ? [['10k', 10_000]] : [['100k', 100_000], ['1m', 1_000_000]];
for (const [label, size] of sizes) run(size as number, label as string);
