// An export's order numbers: mapped, kept only as digests, verified on calls; the numbers are in no file of the store.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../support/import-files';
import { useTempDirs } from '../../support/temp-dir';
import { call, manualClock, startCore } from '../../support/test-core';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 23, 2, 0);
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString().slice(0, 10);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe('order numbers in a delivery export', () => {
  it('maps 订单号, keeps only a digest per purchase, verifies it on a call, and stores the number nowhere', async () => {
    const dataDir = tempDir();
    const core = startCore(dataDir, manualClock(NOW));
    await call(core, 'workspace.createEmpty', { agentName: '王晓敏', employeeNo: 'CS1024' });
    const header = ['客户编号', '客户名称', '手机', '产品型号', '序列号', '购买日期', '交付日期', '订单号'];
    const path = writeCsv(tempDir(), 'deliveries.csv', [
      header,
      ['C1', '欧阳娜娜', '13800000001', 'KFR-35GW', 'SN-P-1', daysAgo(12), daysAgo(10), 'JD-20261111-7781'],
      ['C2', '张伟', '13800000002', 'BCD-520W', 'SN-P-2', daysAgo(12), daysAgo(10), ''],
    ], { encoding: 'utf-8-bom' });
    const { value } = core.upload('deliveries.csv', readFileSync(path)) as { ok: true; value: { fileId: string } };
    const preview = await call(core, 'import.preview', { fileId: value.fileId });
    const mapping = preview.preview.guess!.mapping;
    expect(mapping.columns.proofNo?.header).toBe('订单号');
    const dry = await call(core, 'import.dryRun', { fileId: value.fileId, mapping });
    expect(JSON.stringify(dry)).not.toContain('7781');
    await call(core, 'import.apply', { fileId: value.fileId, mapping });

    const purchase = (serial: string) => core.db.prepare('SELECT id, proof_digest FROM purchases WHERE serial_no = ?').get(serial) as { id: string; proof_digest: string | null };
    expect(purchase('SN-P-1').proof_digest).toMatch(/^p1:[\w-]+:[0-9a-f]{5}$/);
    expect(purchase('SN-P-2').proof_digest).toBeNull();
    expect(await call(core, 'purchase.verifyProof', { purchaseId: purchase('SN-P-1').id, proof: 'JD202611117781' })).toEqual({ result: 'match' });
    expect(await call(core, 'purchase.verifyProof', { purchaseId: purchase('SN-P-1').id, proof: 'JD202611117782' })).toEqual({ result: 'no_match' });
    expect(await call(core, 'purchase.verifyProof', { purchaseId: purchase('SN-P-2').id, proof: 'JD202611117781' })).toEqual({ result: 'not_on_file' });
    core.db.pragma('wal_checkpoint(PASSIVE)');
    core.close();
    // Nothing of the data folder (store, WAL, uploads kept until applied) holds the number.
    for (const file of filesUnder(dataDir)) {
      const bytes = readFileSync(file);
      for (const form of ['JD-20261111-7781', 'JD202611117781', '20261111-7781']) expect(bytes.includes(Buffer.from(form)), `${file}: ${form}`).toBe(false);
    }
  });
});
