import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import { STORE_FILE } from '../../src/main/db/store';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openTaskFromQueue, useBrowser } from './support/browser';
import { useHosts } from './support/host-process';

const tempDir = useTempDirs();
const browser = useBrowser();
const startHost = useHosts();

async function openPage(url: string): Promise<Page> {
  const context = await browser().newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe('the issue screen says which clock each deadline runs on and where it comes from', () => {
  it('shows seed 000\'s "24小时内响应" on calendar time, the goal "处理时长≤48小时" as the resolution, and records a field step for the customer', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir());
    const page = await openPage(host.url);
    await page.getByTestId('queue-list').waitFor();
    const { rows } = await apiFromTest<'queue.list'>(host.url, 'queue.list', { filter: {}, group: 'today', offset: 0, limit: 1 });
    const task = rows[0] as QueueRow;
    await openTaskFromQueue(page, task);
    await page.getByTestId('notes').fill('客户说师傅上门态度不好');
    await page.getByTestId('open-ticket-form').click();
    await page.getByTestId('ticket-form').waitFor();
    await page.getByTestId('ticket-form-kind').getByText('投诉').click();
    await page.getByTestId('ticket-form-submit').click();
    await page.getByTestId('ticket-screen').waitFor();

    const response = page.getByTestId('ticket-sla-response');
    expect(await response.getAttribute('data-clock')).toBe('calendar');
    expect((await response.getByTestId('sla-clock').textContent())?.trim()).toBe('自然时间');
    expect(await response.getByTestId('sla-source').textContent()).toBe('依据 000 号规范：一般问题：24小时内响应');
    const resolution = page.getByTestId('ticket-sla-resolution');
    expect(await resolution.getAttribute('data-state')).toBe('running');
    expect(await resolution.getByTestId('sla-source').textContent()).toBe('依据 000 号规范：问题闭环管理：处理时长≤48小时');
    expect(await resolution.getByTestId('sla-note').textContent()).toContain('总体目标');
    expect(await page.getByTestId('ticket-sla-rule-result_feedback').getByTestId('sla-note').textContent()).toBe('方案执行后开始计时');

    await page.getByTestId('field-step-body').fill('工程师已出发，预计 40 分钟到达');
    await page.getByTestId('field-step-departed').click();
    const entry = page.getByTestId('timeline-entry').filter({ hasText: '预计 40 分钟到达' });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.getAttribute('data-kind')).toBe('progress');
    expect(await entry.getByTestId('entry-headline').textContent()).toBe('工程师已出发');
  });

  it('lets a lead run one target on working time in 设置 (a centre not staffed around the clock)', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    let host = await startHost(dataDir);
    await host.stop();
    // There is no sign-in: the current agent is a setting, changed while the host is down.
    const db = new Database(join(dataDir, STORE_FILE));
    const lead = db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string };
    db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead.id);
    db.close();
    host = await startHost(dataDir);
    const page = await openPage(host.url);
    await page.getByTestId('queue-list').waitFor();
    await page.getByTestId('nav-settings').click();
    const row = page.getByTestId('sla-target-clock-general.response');
    await row.waitFor();
    expect(await row.getAttribute('data-clock')).toBe('calendar');
    expect(await row.textContent()).toContain('依据 000 号规范：一般问题：24小时内响应');
    await row.getByText('工作时间').click();
    await expect.poll(() => row.getAttribute('data-clock')).toBe('working');
    expect(await row.textContent()).toContain('已由主管改为此计时方式');
    const setup = await apiFromTest<'sla.get'>(host.url, 'sla.get', {});
    expect(setup.clocks.find((c) => c.key === 'general.response')).toMatchObject({ clock: 'working', shippedClock: 'calendar' });
    expect(setup.clocks.find((c) => c.key === 'major.response')?.clock).toBe('calendar');
  });
});
