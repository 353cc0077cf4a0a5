/**
 * Regenerates docs/call-screen.png, the README's picture of the call screen: a demo workspace,
 * the first routine callback of today, two steps answered and a note typed.
 * Run with `npx tsx scripts/screenshot.ts` after `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openApp } from '../test/e2e/support/browser';
import { startHostProcess } from '../test/e2e/support/host-process';

const dataDir = mkdtempSync(join(tmpdir(), 'carecall-shot-'));
const host = await startHostProcess(dataDir);
const browser = await launchBrowser();
try {
  const { page } = await openApp(browser, host.url);
  await page.getByTestId('queue-row').first().waitFor();
  await page.getByTestId('queue-row').first().click();
  await page.getByTestId('step-title').waitFor();
  await page.getByTestId('next-step').click();
  await page.getByTestId('answer-option-confirmed').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('notes').fill('客户确认本人接听。\n反映夜间运行有轻微异响，约周五上午上门检查。');
  await page.getByTestId('save-status').filter({ hasText: /\S/ }).waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/call-screen.png') });
  console.log('wrote docs/call-screen.png');
} finally {
  await browser.close();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
