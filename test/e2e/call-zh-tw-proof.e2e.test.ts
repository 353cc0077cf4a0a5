// The call screen in zh-TW (seed 001 is in Traditional characters) and the identity check's
// purchase proof: verified against the purchase, the typed number kept nowhere.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proofDigest } from '../../src/main/services/purchase-proof';
import { STORE_FILE } from '../../src/main/db/store';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openApp, openTaskFromQueue, useBrowser } from './support/browser';
import { useHosts } from './support/host-process';

const tempDir = useTempDirs();
const browser = useBrowser();
const startHost = useHosts();

describe('the call screen in zh-TW with the purchase proof check', () => {
  it('shows the script in Traditional characters and answers match / no match for an order number', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const host = await startHost(dataDir);
    await apiFromTest(host.url, 'settings.update', { locale: 'zh-TW' });
    const { rows } = await apiFromTest(host.url, 'queue.list', { filter: { types: ['routine_early', 'routine_stable', 'routine_long_term'] }, group: 'today', offset: 0, limit: 200 });
    const task = rows[0]!;
    const opened = await apiFromTest(host.url, 'task.open', { taskId: task.taskId });
    const purchaseId = opened.task.purchaseId!;
    // What an import keeps of the export's order number: its digest.
    const db = new Database(join(dataDir, STORE_FILE));
    db.prepare('UPDATE purchases SET proof_digest = ? WHERE id = ?').run(proofDigest('JD20261119004217'), purchaseId);
    db.close();

    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    await openTaskFromQueue(page, task);
    await expect.poll(() => page.getByTestId('step-title').textContent()).toBe('開場');
    expect(await page.getByTestId('step-say').textContent()).toContain('售後服務中心');

    await page.getByTestId('proof-input').fill('JD20261119004218');
    await page.getByTestId('proof-verify').click();
    await expect.poll(() => page.getByTestId('proof-result').getAttribute('data-result')).toBe('no_match');
    expect(await page.getByTestId('proof-result').textContent()).toBe('不一致：請客戶再確認號碼');
    expect(await page.getByTestId('proof-input').inputValue()).toBe('');
    await page.getByTestId('proof-input').fill('jd 2026-1119-004217');
    await page.getByTestId('proof-input').press('Enter');
    await expect.poll(() => page.getByTestId('proof-result').getAttribute('data-result')).toBe('match');
    expect(await page.getByTestId('proof-result').textContent()).toBe('一致：購買憑證已核實');
    expect(errors).toEqual([]);

    await host.stop();
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('carecall.db'))) {
      const bytes = readFileSync(join(dataDir, file));
      for (const typed of ['JD20261119004218', 'jd 2026-1119-004217', 'JD20261119004217']) expect(bytes.includes(Buffer.from(typed)), `${file}: ${typed}`).toBe(false);
    }
  });
});
