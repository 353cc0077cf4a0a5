import { describe, expect, it } from 'vitest';
import { importIntoHub } from '../../../src/hub-tools/hub-import';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { login, pullAll } from '../../support/sync-seed';
import { useTempDirs } from '../../support/temp-dir';
import { manualClock, RESOURCES_DIR } from '../../support/test-core';
import { writeBigCsv } from '../../support/import-files';

const hub = useSyncHub();
const tempDir = useTempDirs();

describe('importing a CRM export into the hub', () => {
  it("uses the desktop's import: a dry run changes nothing, the import plans callbacks for the team's agents", { timeout: 90_000 }, async () => {
    const h = hub();
    // The import plans callbacks from its clock: deliveries relative to it leave windows ahead.
    const clock = manualClock(Date.now());
    const file = await writeBigCsv(tempDir(), 300, { asOf: clock.now() });
    const workDir = tempDir();
    const base = { pool: h.hub.pool, workDir, resourcesDir: RESOURCES_DIR, username: 'root', password: PASSWORD, file, clock, log: () => undefined };
    const before = Number((await h.hub.pool.query("SELECT count(*) FROM entities WHERE kind = 'customers'")).rows[0].count);

    const dry = await importIntoHub({ ...base, dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.summary.counts.failedRows).toBe(0);
    expect(Number((await h.hub.pool.query("SELECT count(*) FROM entities WHERE kind = 'customers'")).rows[0].count)).toBe(before);

    const result = await importIntoHub(base);
    expect(result.applied).toBe(true);
    expect(result.created).toBeGreaterThan(150);
    const customers = Number((await h.hub.pool.query("SELECT count(*) FROM entities WHERE kind = 'customers'")).rows[0].count);
    expect(customers - before).toBe(200);
    expect(result.tasksPlanned).toBeGreaterThan(0);
    // Callbacks went to agents (never to the admin), and each agent pulls their own.
    const owners = (await h.hub.pool.query("SELECT DISTINCT owner_id FROM entities WHERE kind = 'callback_tasks' AND NOT deleted")).rows.map((row) => row.owner_id);
    expect(owners).not.toContain(h.userId.root);
    const annTasks = (await pullAll(h.url, await login(h.url, 'ann', PASSWORD))).rows.filter((row) => row.t === 'callback_tasks');
    const annOnHub = Number((await h.hub.pool.query("SELECT count(*) FROM entities WHERE kind = 'callback_tasks' AND owner_id = $1 AND NOT deleted", [h.userId.ann])).rows[0].count);
    expect(annTasks.length).toBe(annOnHub);

    // Importing the same file again creates nothing twice.
    const again = await importIntoHub(base);
    expect(again.created).toBe(0);
    expect(Number((await h.hub.pool.query("SELECT count(*) FROM entities WHERE kind = 'customers'")).rows[0].count)).toBe(customers);
  });

  it('refuses a user who is not an admin', async () => {
    const h = hub();
    const file = await writeBigCsv(tempDir(), 5, { asOf: Date.now() });
    await expect(importIntoHub({ pool: h.hub.pool, workDir: tempDir(), resourcesDir: RESOURCES_DIR, username: 'lead', password: PASSWORD, file })).rejects.toThrow(/not an admin/);
  });
});
