import Database from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../src/main/db/store';
import { daysFromOfficialEnd as daysFromEnd, NEXT_YEAR, OFFICIAL_END } from '../support/shipped-calendar';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, useBrowser } from './support/browser';
import { useHosts, type HostProcess } from './support/host-process';
import { moveCoreClock } from './support/test-clock';

const tempDir = useTempDirs();
const browser = useBrowser();
const startHost = useHosts();
/** Provisional holidays are derived for ten years after the official data. */
const PROVISIONAL_END = `${NEXT_YEAR + 9}-12-31`;

/** The next year's list in the State Council CSV form (an example, not the real announcement). */
function writeNextYearList(dir: string): string {
  const path = join(dir, `state-council-${NEXT_YEAR}-example.csv`);
  writeFileSync(path, `date,kind,name\n${NEXT_YEAR}-01-01,holiday,元旦\n${NEXT_YEAR}-10-01,holiday,国庆节\n`);
  return path;
}

const shanghaiNoon = (date: string): number => new TZDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12, 0, 'Asia/Shanghai').getTime();

/** Moves the core's clock (the host runs with --test-clock): the banner follows the core, not the browser. */
async function setCoreClock(host: HostProcess, date: string): Promise<void> {
  await moveCoreClock(host.url, { setTo: shanghaiNoon(date) });
}

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser().newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByTestId('queue-list').waitFor();
  return { page, errors };
}

/** Banners render after sla.get answers: give it a moment before counting a banner that must not be there. */
async function bannerCount(page: Page): Promise<number> {
  await page.waitForTimeout(500);
  return page.getByTestId('calendar-banner').count();
}

function signInAsLead(dataDir: string): void {
  const db = new Database(join(dataDir, STORE_FILE));
  try {
    const lead = db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string };
    db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead.id);
  } finally {
    db.close();
  }
}

/** Any demo customer (the lead has no callbacks of their own to find one through). */
function readCustomerId(dataDir: string): string {
  const db = new Database(join(dataDir, STORE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM customers LIMIT 1').get() as { id: string }).id;
  } finally {
    db.close();
  }
}

describe('the lead’s banner while the official holiday data runs out', () => {
  it('shows from 60 days before the official data ends by the core’s clock, only to a lead, until the next year’s schedule is imported; an issue’s working-day limit is marked 暂定 until then', { timeout: 150_000 }, async () => {
    const dataDir = tempDir();
    let host = await startHost(dataDir, ['--test-clock']);
    // An agent never sees it, even with the data about to end.
    await setCoreClock(host, daysFromEnd(-11));
    const agent = await openPage(host.url);
    expect(await bannerCount(agent.page)).toBe(0);
    await agent.page.context().close();
    await host.stop();

    signInAsLead(dataDir);
    host = await startHost(dataDir, ['--test-clock']);
    // 61 days before the end: nothing yet.
    await setCoreClock(host, daysFromEnd(-61));
    const early = await openPage(host.url);
    expect(await bannerCount(early.page)).toBe(0);
    await early.page.context().close();

    // 60 days before: the banner, on the queue screen, naming the date and the year to import.
    await setCoreClock(host, daysFromEnd(-60));
    const { page, errors } = await openPage(host.url);
    const banner = page.getByTestId('calendar-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-coverage')).toBe('expiring');
    expect(await banner.textContent()).toContain(`官方节假日数据将于 ${OFFICIAL_END} 结束，请导入国务院公布的 ${NEXT_YEAR} 年放假安排`);
    await page.context().close();

    // Past the end: still there (provisional holidays are in use), and it leads to 设置.
    await setCoreClock(host, daysFromEnd(5));
    const late = await openPage(host.url);
    await late.page.getByTestId('calendar-banner').waitFor();
    expect(await late.page.getByTestId('calendar-banner').getAttribute('data-coverage')).toBe('outdated');
    expect(await late.page.getByTestId('calendar-banner').textContent()).toContain(`已于 ${OFFICIAL_END} 结束`);
    // An open issue's working-day limit (preset 004: pickup within 1 working day) says it rests on provisional days.
    await apiFromTest(host.url, 'sla.setPreset', { preset: '004' });
    const customerId = readCustomerId(dataDir);
    const issue = await apiFromTest<'ticket.create'>(host.url, 'ticket.create', {
      ticketId: uuidv7(), kind: 'service_request', customerId, purchaseId: null, callId: null, channel: 'hotline',
      scenario: 'return_exchange', category: 'quality_fault', demand: 'exchange', severity: 'general', symptom: '冰箱外壳凹痕，要求换货', ownerAgentId: null, department: '',
    });
    const pickupMark = async (): Promise<string | null> => {
      await late.page.getByTestId('nav-tickets').click();
      await late.page.getByTestId('ticket-row').filter({ hasText: issue.number }).click();
      const rule = late.page.getByTestId('ticket-sla-rule-pickup');
      await rule.waitFor();
      await late.page.waitForTimeout(300);
      return (await rule.getByTestId('calendar-basis-mark').count()) === 0 ? null : rule.getByTestId('calendar-basis-mark').getAttribute('data-basis');
    };
    expect(await pickupMark()).toBe('provisional');
    expect(await late.page.getByTestId('ticket-sla-rule-pickup').textContent()).toContain('暂定');

    await late.page.getByTestId('calendar-banner-open').click();
    await late.page.getByTestId('calendar-info').waitFor();
    expect(await late.page.getByTestId('calendar-version').getAttribute('data-revision')).toBe('0');
    expect(await late.page.getByTestId('calendar-provisional-note').textContent()).toContain(`${OFFICIAL_END} 之后至 ${PROVISIONAL_END} 的法定节假日按《全国年节及纪念日放假办法》推算`);

    // The State Council's list in one step: the banner goes, the version says who imported it.
    await late.page.getByTestId('ics-file-input').setInputFiles(writeNextYearList(tempDir()));
    await expect.poll(() => late.page.getByTestId('calendar-version').getAttribute('data-revision')).toBe('1');
    expect(await late.page.getByTestId('calendar-known-through').textContent()).toBe(`${NEXT_YEAR}-12-31`);
    expect(await late.page.getByTestId('calendar-imported-from').getAttribute('data-file')).toBe(`state-council-${NEXT_YEAR}-example.csv`);
    await expect.poll(() => late.page.getByTestId('calendar-banner').count()).toBe(0);
    expect((await apiFromTest(host.url, 'sla.get', {})).calendar).toMatchObject({ revision: 1, holidaysKnownThrough: `${NEXT_YEAR}-12-31` });
    // The issue's limit is now on official days: no mark.
    expect(await pickupMark()).toBeNull();
    expect([...errors, ...late.errors]).toEqual([]);
    await late.page.context().close();
    await host.stop();
  });
});
