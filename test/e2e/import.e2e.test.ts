import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import { writeBigCsv, writeCsv } from '../support/import-files';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, useBrowser, openApp } from './support/browser';
import { useHosts, type HostProcess } from './support/host-process';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const ZONE = 'Asia/Shanghai';
const browser = useBrowser();
const startHost = useHosts();
let host: HostProcess | null = null;

/** The calendar date `days` from today in Shanghai (the page's and the workspace's zone), as yyyy-mm-dd. */
function shanghaiDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + days * DAY);
}
/** Midnight in Shanghai (UTC+8 all year) of a yyyy-mm-dd date, plus whole days. */
function dayStart(date: string, plusDays = 0): number {
  return Date.parse(`${date}T00:00:00+08:00`) + plusDays * DAY;
}
/** As Chinese exports write dates: 2026/3/5. */
const slashed = (date: string) => date.replace(/-0?/g, '/');

const CUSTOMERS = ['欧阳测一', '欧阳测二', '欧阳测三'] as const;
const PURCHASED = shanghaiDate(-5);
// Delivered three days ago: the routine callback (delivery +7..15 days) falls in the coming days.
const DELIVERED = shanghaiDate(-3);

/** A delivery export as Excel on Chinese Windows saves it: GBK, phones written three ways, row 4's phone wrong. */
function writeDeliveries(dir: string): string {
  return writeCsv(
    dir,
    '交付清单.csv',
    [
      ['客户名称', '联系电话', '产品型号', '序列号', '购买日期', '交付日期'],
      [CUSTOMERS[0], '158 0000 1001', 'KFR-35GW', 'E2E-IMP-0001', slashed(PURCHASED), slashed(DELIVERED)],
      [CUSTOMERS[1], '+86 158-0000-1002', 'BCD-520W', 'E2E-IMP-0002', slashed(PURCHASED), slashed(DELIVERED)],
      [CUSTOMERS[2], '12345', 'JSQ30-16', 'E2E-IMP-0003', slashed(PURCHASED), slashed(DELIVERED)],
    ],
    { encoding: 'gbk' },
  );
}

async function onboard(page: Page): Promise<void> {
  await page.getByTestId('onboarding').waitFor();
  await page.getByTestId('agent-name').fill('林回访');
  await page.getByTestId('employee-no').fill('CS2001');
  await page.getByTestId('create-empty').click();
  await page.getByTestId('queue-screen').waitFor();
}

const count = async (page: Page, what: string) => Number(await page.getByTestId(`import-count-${what}`).getAttribute('data-count'));

describe('import of a CRM export in a real browser', () => {
  it('maps a GBK delivery export, reports the failing row, applies it, queues the callbacks at the right dates, and a second import changes nothing', { timeout: 120_000 }, async () => {
    // One agent in the workspace: every planned callback is theirs, so their queue shows all of them.
    host = await startHost(tempDir(), ['--empty']);
    const dir = tempDir();
    const file = writeDeliveries(dir);
    const { page, errors } = await openApp(browser(), host.url);
    await onboard(page);

    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-screen').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('mapping-row').first().waitFor();

    // Read as Chinese: the encoding was detected (GBK is read as its superset GB18030) and the rows decode.
    const source = page.getByTestId('import-source');
    expect(await source.getAttribute('data-format')).toBe('csv');
    expect(['gbk', 'gb18030']).toContain(await page.getByTestId('import-encoding').inputValue());
    expect(await page.getByTestId('import-preview-table').textContent()).toContain(CUSTOMERS[0]);

    // The guess: a deliveries list, every column on its field, nothing remembered yet.
    expect(await page.getByTestId('import-kind').getAttribute('data-value')).toBe('purchases');
    expect(await page.getByTestId('mapping-row').count()).toBe(6);
    const guessed = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => page.getByTestId(`mapping-field-${i}`).inputValue()));
    expect(guessed).toEqual(['name', 'phone', 'model', 'serialNo', 'purchaseDate', 'deliveryDate']);
    expect(await page.getByTestId('mapping-remembered').count()).toBe(0);

    // Dry run: two customers and their two deliveries to create, row 4's phone refused with its cell.
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-summary').waitFor();
    expect([await count(page, 'create'), await count(page, 'update'), await count(page, 'skip'), await count(page, 'failed')]).toEqual([4, 0, 0, 1]);
    const failing = page.getByTestId('import-error-row');
    expect(await failing.count()).toBe(1);
    expect(await failing.getAttribute('data-row')).toBe('4');
    expect(await failing.getAttribute('data-code')).toBe('invalid_phone');
    expect(await failing.getAttribute('data-cell')).toBe('B4');
    expect(await failing.textContent()).toContain('第 4 行');
    // The reason is translated with the value it is about.
    expect(await failing.textContent()).toContain('电话号码“12345”不正确');

    await page.getByTestId('import-apply').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.getAttribute('data-created')).toBe('4');
    expect(Number(await result.getAttribute('data-tasks'))).toBeGreaterThanOrEqual(2);

    // The routine callback of each delivery, due delivery +7..15 days (a start on a weekend or holiday moves to the next working day).
    const early: QueueRow[] = [];
    for (const name of CUSTOMERS.slice(0, 2)) {
      const { rows } = await apiFromTest<'queue.list'>(host.url, 'queue.list', { filter: { search: name }, offset: 0, limit: 50 });
      const routine = rows.filter((r) => r.customerName === name && r.type === 'routine_early');
      expect(routine, name).toHaveLength(1);
      const task = routine[0]!;
      expect(task.dueStart).toBeGreaterThanOrEqual(dayStart(DELIVERED, 7));
      expect(task.dueStart).toBeLessThan(dayStart(DELIVERED, 15));
      expect(task.dueEnd).toBeGreaterThanOrEqual(dayStart(DELIVERED, 15));
      expect(task.dueEnd).toBeLessThan(dayStart(DELIVERED, 19));
      early.push(task);
    }
    // The refused row created nobody.
    const nobody = await apiFromTest<'customer.search'>(host.url, 'customer.search', { query: CUSTOMERS[2], limit: 5 });
    expect(nobody.rows).toEqual([]);

    // The queue shows them among the upcoming callbacks, on their dates.
    await page.getByTestId('import-go-queue').click();
    await page.getByTestId('queue-screen').waitFor();
    await page.getByTestId('count-upcoming').click();
    await page.getByTestId('queue-search').fill('欧阳测');
    for (const task of early) {
      const row = page.locator(`[data-testid="queue-row"][data-task-id="${task.taskId}"]`);
      await row.waitFor();
      const start = new Date(task.dueStart);
      const [month, day] = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, month: 'numeric', day: 'numeric' }).formatToParts(start).filter((p) => p.type !== 'literal').map((p) => p.value);
      expect(await row.textContent()).toContain(`${month}月${day}日`);
    }

    // The same file again: the mapping is remembered, and the dry run has nothing to create or update.
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('mapping-remembered').waitFor();
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map((i) => page.getByTestId(`mapping-field-${i}`).inputValue()))).toEqual(guessed);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await count(page, 'create')).toBe(0);
    expect(await count(page, 'update')).toBe(0);
    expect(await count(page, 'failed')).toBe(1);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the customer types of a CRM export in the mapping step, takes the tier chosen for an unknown one, and imports it', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir(), ['--empty']);
    const file = writeCsv(
      tempDir(),
      '客户购买明细.csv',
      [
        ['客户编号', '客户名称', '手机', '客户类型', '备注', '产品型号', '序列号', '购买日期', '交付日期'],
        ['E2E-T1', '欧阳贵宾', '158 0000 2001', 'VIP', '只在周末联系', 'KFR-35GW', 'E2E-TIER-1', slashed(PURCHASED), slashed(DELIVERED)],
        ['E2E-T2', '欧阳金卡', '158 0000 2002', '金卡会员', '', 'BCD-520W', 'E2E-TIER-2', slashed(PURCHASED), slashed(DELIVERED)],
        ['E2E-T2', '欧阳金卡', '158 0000 2002', '金卡会员', '', 'JSQ30-16', 'E2E-TIER-3', slashed(PURCHASED), slashed(DELIVERED)],
      ],
      { encoding: 'utf-8-bom' },
    );
    const { page, errors } = await openApp(browser(), host.url);
    await onboard(page);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    const tiers = page.getByTestId('tier-values');
    await tiers.waitFor();
    expect(await page.getByTestId('mapping-field-3').inputValue()).toBe('tier');
    expect(await page.getByTestId('mapping-field-4').inputValue()).toBe('remarks');
    expect(await page.locator('[data-testid="tier-value"][data-value="VIP"]').getAttribute('data-tier')).toBe('high_value');
    const gold = page.locator('[data-testid="tier-value"][data-value="金卡会员"]');
    expect(await gold.getAttribute('data-tier')).toBe('');
    expect(await page.getByTestId('tier-unknown').textContent()).toContain('金卡会员');

    // Unknown and left so: reported once in the dry run, with its rows, failing none.
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-unknown-tier').count()).toBe(1);
    expect(await page.getByTestId('import-unknown-tier').getAttribute('data-rows')).toBe('3,4');
    expect(await count(page, 'failed')).toBe(0);

    // Chosen in the mapping step: the next dry run knows it.
    await gold.getByTestId('tier-select').selectOption('high_value');
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-unknown-tiers').count()).toBe(0);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-result').waitFor();
    const found = await apiFromTest<'customer.search'>(host.url, 'customer.search', { query: '欧阳金卡', limit: 5 });
    expect(found.rows.map((r) => r.tier)).toEqual(['high_value']);
    expect(errors).toEqual([]);
  });

  it('shows progress with rows/s on a large file and cancels the dry run, leaving nothing changed', { timeout: 180_000 }, async () => {
    host = await startHost(tempDir());
    // The host runs on the machine's clock, so the file's dates are relative to it.
    const file = await writeBigCsv(tempDir(), 300_000, { asOf: Date.now(), encoding: 'gbk' });
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('mapping-row').first().waitFor({ timeout: 60_000 });

    await page.getByTestId('import-dry-run').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    // A progress event has arrived: rows read and a rate.
    await expect.poll(async () => Number(await progress.getAttribute('data-rows')), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('import-progress-rate').getAttribute('data-rate'))).toBeGreaterThan(0);
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    expect(await page.getByTestId('import-error').count()).toBe(0);
    // And the dry run can be started again.
    expect(await page.getByTestId('import-dry-run').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
