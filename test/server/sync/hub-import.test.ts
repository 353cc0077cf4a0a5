import { describe, expect, it } from 'vitest';
import { importIntoHub } from '../../../src/hub-tools/hub-import';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { login, pullAll } from '../../support/sync-seed';
import { useTempDirs } from '../../support/temp-dir';
import { manualClock, RESOURCES_DIR } from '../../support/test-core';
import { writeBigCsv, writeCsv } from '../../support/import-files';

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

  it('takes a CRM export with customer types and remarks: the hub stores them, key customers get their plans, rows of older desktops update too', { timeout: 90_000 }, async () => {
    const h = hub();
    const clock = manualClock(Date.now());
    const day = (n: number) => new Date(clock.now() - n * 86_400_000).toISOString().slice(0, 10);
    const header = ['客户编号', '客户名称', '手机', '客户类型', '备注', '产品型号', '序列号', '购买日期', '交付日期'];
    const first = writeCsv(tempDir(), 'crm.csv', [header, ['H001', '周杰', '13800000101', '新客户', '', 'KFR-35GW', 'HSN-1', day(20), day(18)], ['H002', '吴敏', '13800000102', '金卡会员', '', 'BCD-520W', 'HSN-2', day(20), day(18)]], { encoding: 'gb18030' });
    const base = { pool: h.hub.pool, workDir: tempDir(), resourcesDir: RESOURCES_DIR, username: 'root', password: PASSWORD, clock, log: () => undefined };
    const dry = await importIntoHub({ ...base, file: first, dryRun: true });
    expect(dry.summary.tierValues).toContainEqual({ value: '金卡会员', tier: null, count: 1, rows: [3] });
    await importIntoHub({ ...base, file: first, tierChoices: { 金卡会员: 'high_value' } });
    const stored = async (no: string) => (await h.hub.pool.query("SELECT data FROM entities WHERE kind = 'customers' AND data->>'customer_no' = $1", [no])).rows[0]?.data as Record<string, unknown>;
    expect(await stored('H002')).toMatchObject({ tier: 'high_value', remarks: null });

    // Rows an older desktop wrote have no remarks column; the export's update must still be taken.
    await h.hub.pool.query("UPDATE entities SET data = data - 'remarks' WHERE kind = 'customers' AND data->>'customer_no' = 'H001'");
    const second = writeCsv(tempDir(), 'crm-2.csv', [header, ['H001', '周杰', '13800000101', 'VIP', '只在周末联系', 'KFR-35GW', 'HSN-1', day(20), day(18)]], { encoding: 'utf-8-bom' });
    const result = await importIntoHub({ ...base, file: second });
    expect(result.updated).toBe(1);
    expect(await stored('H001')).toMatchObject({ tier: 'high_value', remarks: '只在周末联系' });
    const keyTasks = await h.hub.pool.query(
      "SELECT count(*) FROM entities t JOIN entities c ON c.kind = 'customers' AND c.id = t.data->>'customer_id' WHERE t.kind = 'callback_tasks' AND t.data->>'type' = 'key_customer' AND c.data->>'customer_no' IN ('H001', 'H002')",
    );
    expect(Number(keyTasks.rows[0].count)).toBe(2);
  });

  it('refuses a user who is not an admin', async () => {
    const h = hub();
    const file = await writeBigCsv(tempDir(), 5, { asOf: Date.now() });
    await expect(importIntoHub({ pool: h.hub.pool, workDir: tempDir(), resourcesDir: RESOURCES_DIR, username: 'lead', password: PASSWORD, file })).rejects.toThrow(/not an admin/);
  });
});
