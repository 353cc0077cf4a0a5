import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import { STORE_FILE } from '../../src/main/db/store';
import { daysFromOfficialEnd, OFFICIAL_END } from '../support/shipped-calendar';
import { REPO_ROOT } from '../support/test-core';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openTaskFromQueue, useBrowser } from './support/browser';
import { useHosts, type HostProcess } from './support/host-process';
import { moveCoreClock } from './support/test-clock';

const tempDir = useTempDirs();
const calendarFile = (name: string) => join(REPO_ROOT, 'test', 'fixtures', 'calendars', name);
const browser = useBrowser();
const startHost = useHosts();
let host: HostProcess | null = null;

/**
 * A page on the app; `today` moves the core's clock (the host runs with --test-clock): the
 * warning about outdated holiday data follows the core, and is seen whatever day the test runs on.
 */
async function openPage(url: string, today?: string): Promise<{ page: Page; errors: string[] }> {
  if (today) await setCoreClock(url, today);
  const context = await browser().newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByTestId('queue-list').waitFor();
  return { page, errors };
}

async function setCoreClock(url: string, today: string): Promise<void> {
  await moveCoreClock(url, { setTo: Date.parse(`${today}T10:00:00+08:00`) });
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-screen').waitFor();
  await page.getByTestId('calendar-info').waitFor();
}

/** There is no sign-in: the workspace's current agent is a setting, changed while the host is down. */
function signInAsLead(dataDir: string): string {
  const db = new Database(join(dataDir, STORE_FILE));
  try {
    const lead = db.prepare("SELECT id, name FROM agents WHERE role = 'lead'").get() as { id: string; name: string };
    db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead.id);
    return lead.name;
  } finally {
    db.close();
  }
}

describe('SLA settings in a real browser', () => {
  it('shows the preset and calendar read-only to an agent; a lead imports holidays and switches the preset', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    host = await startHost(dataDir, ['--test-clock']);

    // The demo agent: preset 000 and the mainland calendar, no controls, and why.
    const agent = await openPage(host.url);
    await openSettings(agent.page);
    expect(await agent.page.getByTestId('sla-preset').getAttribute('data-preset')).toBe('000');
    expect(await agent.page.getByTestId('calendar-info').getAttribute('data-calendar-id')).toBe('cn-mainland');
    expect(await agent.page.getByTestId('calendar-name').textContent()).toBe('中国大陆工作日历');
    expect(await agent.page.getByTestId('calendar-imported-from').getAttribute('data-file')).toBe('');
    expect(await agent.page.getByTestId('settings-unauthorized').textContent()).toContain('只有班组长可以修改');
    for (const control of ['sla-preset-select', 'ics-file-input', 'calendar-reset']) {
      expect(await agent.page.getByTestId(control).count(), control).toBe(0);
    }
    expect(await agent.page.getByTestId('dnd-switch').count()).toBe(1);
    expect(agent.errors).toEqual([]);

    // After the official data the holidays are provisional and 调休 unknown: the screen says so.
    const later = await openPage(host.url, daysFromOfficialEnd(5));
    await openSettings(later.page);
    expect(await later.page.getByTestId('calendar-outdated-warning').textContent()).toContain(`官方节假日数据只到 ${OFFICIAL_END}。之后的法定节假日按放假办法暂定推算，调休上班日未知`);
    const shipped = await apiFromTest(host.url, 'sla.get', {});
    await agent.page.context().close();
    await later.page.context().close();

    // Sign in as the team lead: stop the host, change the current agent, start it on the same data.
    await host.stop();
    const leadName = signInAsLead(dataDir);
    host = await startHost(dataDir, ['--test-clock']);
    const { page, errors } = await openPage(host.url, daysFromOfficialEnd(5));
    expect(await page.getByTestId('agent-label').textContent()).toContain(leadName);
    await openSettings(page);
    expect(await page.getByTestId('settings-unauthorized').count()).toBe(0);
    expect(await page.getByTestId('calendar-outdated-warning').textContent()).toContain(
      `官方节假日数据只到 ${OFFICIAL_END}。之后的法定节假日按放假办法暂定推算，调休上班日未知，相关时限可能变动；请导入国务院公布的新安排`,
    );

    // A broken file is refused with its name and the reason; nothing changes.
    await page.getByTestId('ics-file-input').setInputFiles(calendarFile('malformed.ics'));
    await page.getByTestId('ics-import-error').waitFor();
    expect(await page.getByTestId('ics-import-error').textContent()).toContain('malformed.ics');
    expect(await page.getByTestId('calendar-imported-from').getAttribute('data-file')).toBe('');
    expect(await apiFromTest(host.url, 'sla.get', {})).toEqual(shipped);

    // A good file replaces the holidays, and the screen names it.
    await page.getByTestId('ics-file-input').setInputFiles(calendarFile('company-2026.ics'));
    await expect.poll(() => page.getByTestId('calendar-imported-from').getAttribute('data-file')).toBe('company-2026.ics');
    expect(await page.getByTestId('calendar-imported-from').textContent()).toContain('company-2026.ics');
    expect(await page.getByTestId('ics-import-error').count()).toBe(0);
    const imported = await apiFromTest(host.url, 'sla.get', {});
    expect(imported.calendar.importedFrom).toBe('company-2026.ics');
    expect(await page.getByTestId('calendar-holidays').getAttribute('data-count')).toBe(String(imported.calendar.holidays));

    // Preset 001 for issues registered from now on.
    await page.getByTestId('sla-preset-select').selectOption('001');
    await page.getByTestId('sla-preset-apply').click();
    await expect.poll(() => page.getByTestId('sla-preset').getAttribute('data-preset')).toBe('001');
    expect(await apiFromTest(host.url, 'sla.get', {})).toMatchObject({ preset: '001', calendar: { importedFrom: 'company-2026.ics' } });

    // And back to the shipped calendar; the preset stays.
    await page.getByTestId('calendar-reset').click();
    await expect.poll(() => page.getByTestId('calendar-imported-from').getAttribute('data-file')).toBe('');
    expect(await apiFromTest(host.url, 'sla.get', {})).toMatchObject({ preset: '001', calendar: { importedFrom: null, holidays: shipped.calendar.holidays } });
    expect(errors).toEqual([]);
  });

  it('opens the issue form from the call screen with Alt+I, also while typing notes; the issue shows in the history', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const { page, errors } = await openPage(host.url);
    const { rows } = await apiFromTest<'queue.list'>(host.url, 'queue.list', { filter: {}, group: 'today', offset: 0, limit: 1 });
    const task = rows[0] as QueueRow;
    await openTaskFromQueue(page, task);
    expect(await page.getByTestId('shortcuts').textContent()).toContain('登记工单');

    await page.getByTestId('notes').fill('客户说洗衣机脱水时异响');
    await page.getByTestId('notes').focus();
    await page.keyboard.press('Alt+KeyI');
    await page.getByTestId('ticket-form').waitFor();
    expect(await page.getByTestId('ticket-form-customer').textContent()).toBe(task.customerName);
    expect(await page.getByTestId('ticket-form-symptom').inputValue()).toContain('异响');
    // Escape closes the form and leaves the call as it was.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('ticket-form').count()).toBe(0);
    expect(await page.getByTestId('notes').inputValue()).toBe('客户说洗衣机脱水时异响');
    expect(await page.getByTestId('call-screen').count()).toBe(1);

    // Registered from the call, the issue is listed in the customer's history and opens from there.
    await page.keyboard.press('Alt+KeyI');
    await page.getByTestId('ticket-form-kind').getByText('服务请求').click();
    await page.getByTestId('ticket-form-submit').click();
    await page.getByTestId('ticket-screen').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    await page.getByTestId('ticket-back').click();
    await page.getByTestId('open-history').click();
    const listed = page.getByTestId('customer-history').getByTestId('customer-ticket').filter({ hasText: number });
    await listed.waitFor();
    expect(await listed.getByTestId('ticket-sla').getAttribute('data-state')).toBe('running');
    await listed.click();
    await expect.poll(async () => (await page.getByTestId('ticket-number').textContent())?.trim()).toBe(number);
    await page.getByTestId('ticket-back').click();
    await page.getByTestId('customer-history').waitFor();
    expect(errors).toEqual([]);
  });
});
