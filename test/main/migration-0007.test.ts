import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openStore } from '../../src/main/db/store';
import { MutationRunner } from '../../src/main/services/mutations';
import { WorkspaceService } from '../../src/main/services/workspace-service';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();

describe('migration 0007 (appointment SMS times, purchase proof digest)', () => {
  it('is registered in version order: the runner applies the list in order, so 7 must come after 6 and before 8', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('migrates a version-6 store full of real rows: purchases keep every value and have no proof digest, and bookings get day-before SMS times', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const v6 = openStore(dir, clock.now, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    new WorkspaceService(v6.db, clock, new MutationRunner(v6.db, clock, () => undefined)).createDemo();
    const purchases = v6.db.prepare('SELECT * FROM purchases ORDER BY id').all();
    expect(purchases.length).toBeGreaterThan(100);
    v6.db.close();

    const core = startCore(dir, clock);
    expect(core.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const after = core.db.prepare('SELECT * FROM purchases ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map(({ proof_digest: digest, ...rest }) => (digest === null ? rest : { digest }))).toEqual(purchases);
    expect(core.db.prepare('SELECT count(*) FROM appointment_sms').pluck().get()).toBe(0);
    // The migrated store books as a new one does.
    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
    expect(rows).toHaveLength(1);
    core.close();
  });
});
