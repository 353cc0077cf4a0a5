import { describe, expect, it } from 'vitest';
import { fillBigStore } from '../support/big-store';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, useBrowser, openApp } from './support/browser';
import { startHostProcess } from './support/host-process';

const tempDir = useTempDirs();
const browser = useBrowser();

describe('the queue at 100k tasks', () => {
  it('keeps only the rows on screen in the page and reaches the last task by scrolling', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    fillBigStore(dataDir, { tasks: 100_000, agents: 1, now: Date.now() }).store.db.close();
    const host = await startHostProcess(dataDir);
    try {
      const { page, errors } = await openApp(browser(), host.url);
      await page.getByTestId('queue-list').waitFor();
      const counts = await apiFromTest(host.url, 'queue.counts', { filter: {} });
      expect(counts.upcoming).toBeGreaterThan(40_000);
      await page.getByTestId('count-upcoming').click();
      await expect.poll(() => page.getByTestId('queue-row').count()).toBeGreaterThan(5);
      expect(await page.getByTestId('queue-row').count()).toBeLessThan(100);

      const [last] = (await apiFromTest(host.url, 'queue.list', { filter: {}, group: 'upcoming', offset: counts.upcoming - 1, limit: 1 })).rows;
      await page.getByTestId('queue-list').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
      await expect.poll(() => page.getByTestId('queue-row').last().textContent(), { timeout: 20_000 }).toContain(last!.customerName);
      expect(await page.getByTestId('queue-row').count()).toBeLessThan(100);
      expect(errors).toEqual([]);
    } finally {
      await host.stop();
    }
  });
});
