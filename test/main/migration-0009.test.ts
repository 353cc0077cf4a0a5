import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openStore } from '../../src/main/db/store';
import { MutationRunner } from '../../src/main/services/mutations';
import { WorkspaceService } from '../../src/main/services/workspace-service';
import { useTempDirs } from '../support/temp-dir';
import { manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();

describe('migration 0009 (held tickets by call)', () => {
  it('keeps a version-8 store as it was, and a note save then finds a held complaint of its call by index, not by a scan', () => {
    const dir = tempDir();
    const clock = manualClock();
    const before9 = [...MIGRATIONS].filter((m) => m.version < 9).sort((a, b) => a.version - b.version);
    const v8 = openStore(dir, clock.now, { migrations: before9 });
    new WorkspaceService(v8.db, clock, new MutationRunner(v8.db, clock, () => undefined)).createDemo();
    const tables = ['tickets', 'calls', 'notes', 'customers'];
    const frozen = Object.fromEntries(tables.map((table) => [table, v8.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all()]));
    expect((frozen.customers as unknown[]).length).toBeGreaterThan(100);
    v8.db.close();

    const core = startCore(dir, clock);
    try {
      expect(core.db.pragma('user_version', { simple: true })).toBe(9);
      for (const table of tables) expect(core.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all(), table).toEqual(frozen[table]);
      const plan = core.db.prepare('EXPLAIN QUERY PLAN SELECT number FROM tickets WHERE call_id = ? AND legal_hold_at IS NOT NULL LIMIT 1').all('x') as { detail: string }[];
      expect(plan.map((step) => step.detail).join('; ')).toContain('USING INDEX tickets_call_held');
    } finally {
      core.close();
    }
  });
});
