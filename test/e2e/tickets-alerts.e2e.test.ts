import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openTaskFromQueue, useBrowser } from './support/browser';
import { useHosts, type HostProcess } from './support/host-process';
import { moveCoreClock } from './support/test-clock';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const browser = useBrowser();
const startHost = useHosts();
let host: HostProcess | null = null;

/**
 * Headless Chromium never shows OS notifications, so the page's Notification is wrapped: each
 * one the page creates is recorded with its title, body and click handler, and reports granted.
 */
const RECORD_NOTIFICATIONS = `
  window.__notifications = [];
  window.Notification = class RecordedNotification extends EventTarget {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options = {}) {
      super();
      this.title = title;
      this.body = options.body ?? '';
      this.onclick = null;
      this.onclose = null;
      window.__notifications.push(this);
    }
    close() { this.onclose?.(); }
  };
`;

async function openPage(url: string): Promise<Page> {
  const context = await browser().newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(RECORD_NOTIFICATIONS);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function moveClock(h: HostProcess, advanceMs: number): Promise<void> {
  await moveCoreClock(h.url, { advanceMs });
}

const notifications = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications.map((n) => ({ title: n.title, body: n.body })));

describe('issues and SLA alerts in a real browser', () => {
  it('registers an urgent issue from a call, alerts before the response is due, and the alert opens the issue', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir(), ['--test-clock']);
    const page = await openPage(host.url);
    await page.getByTestId('queue-list').waitFor();
    const { rows } = await apiFromTest<'queue.list'>(host.url, 'queue.list', { filter: {}, group: 'today', offset: 0, limit: 1 });
    const task = rows[0] as QueueRow;
    await openTaskFromQueue(page, task);
    await page.getByTestId('notes').fill('客户说热水器接口处漏水，地面有积水');

    // The form opens pre-filled from the call: customer, channel, what was said.
    await page.getByTestId('open-ticket-form').click();
    await page.getByTestId('ticket-form').waitFor();
    expect(await page.getByTestId('ticket-form-customer').textContent()).toBe(task.customerName);
    expect(await page.getByTestId('ticket-form-symptom').inputValue()).toContain('漏水');
    await page.getByTestId('ticket-form-kind').getByText('投诉').click();
    await page.getByTestId('ticket-form-scenario').selectOption('emergency');
    await page.getByTestId('ticket-form-severity').selectOption('urgent');
    await page.getByTestId('ticket-form-submit').click();
    await page.getByTestId('ticket-screen').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^CP\d{8}-[0-9A-Z]{4}-\d{3}$/);
    expect(await page.getByTestId('ticket-sla-response').getAttribute('data-state')).toBe('running');

    // 91 minutes later a quarter of the two hours is left: the warning reaches the page.
    await moveClock(host, 91 * MINUTE);
    await expect.poll(async () => (await notifications(page)).some((n) => n.body.includes(number)), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('ticket-sla-response').getAttribute('data-state'), { timeout: 15_000 }).toBe('at_risk');
    await page.getByTestId('app-toast').first().waitFor();

    // The alert centre lists it; leave for the queue, then the notification brings the issue back.
    await page.getByTestId('alerts-nav').click();
    await page.getByTestId('alert-centre').waitFor();
    await expect.poll(() => page.getByTestId('alert-entry').filter({ hasText: number }).count()).toBeGreaterThan(0);
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-list').waitFor();
    await page.evaluate((n) => {
      const list = (window as unknown as { __notifications: { body: string; onclick: (() => void) | null }[] }).__notifications;
      list.find((x) => x.body.includes(n))?.onclick?.();
    }, number);
    await page.getByTestId('ticket-screen').waitFor();
    expect((await page.getByTestId('ticket-number').textContent())!.trim()).toBe(number);

    // Past the due time it is breached, also after a reload (the alert is not fired again).
    await moveClock(host, 30 * MINUTE);
    await expect.poll(() => page.getByTestId('ticket-sla-response').getAttribute('data-state'), { timeout: 15_000 }).toBe('breached');
    const centre = await apiFromTest<'alerts.list'>(host.url, 'alerts.list', { offset: 0, limit: 200 });
    const mine = centre.rows.filter((a) => a.subjectLabel === number && a.target === 'response');
    expect(mine.map((a) => a.kind).sort()).toEqual(['breach', 'warning', 'warning']);
  });

  it('walks an issue from respond to close on the issue screen, with the follow-up callback queued', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const page = await openPage(host.url);
    await page.getByTestId('queue-list').waitFor();
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('tickets-screen').waitFor();
    await page.getByTestId('open-ticket-form').click();
    await page.getByTestId('customer-search').fill('王');
    await page.getByTestId('customer-option').first().click();
    await page.getByTestId('ticket-form-kind').getByText('服务请求').click();
    await page.getByTestId('ticket-form-symptom').fill('洗碗机不出水');
    await page.getByTestId('ticket-form-submit').click();
    await page.getByTestId('ticket-screen').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number.startsWith('SR')).toBe(true);

    const act = async (action: string, fill?: (page: Page) => Promise<void>) => {
      await page.getByTestId(`ticket-action-${action}`).click();
      if (await page.getByTestId('ticket-step-form').isVisible()) {
        await fill?.(page);
        await page.getByTestId('ticket-step-submit').click();
      }
      await expect.poll(() => page.getByTestId(`ticket-action-${action}`).count()).toBe(0);
    };
    // Closing before the customer confirmed is not offered.
    expect(await page.getByTestId('ticket-action-close').count()).toBe(0);
    await act('respond', (p) => p.getByTestId('step-progress').fill('已受理，今天内回复处理方案'));
    await act('start');
    await page.getByTestId('add-entry-kind').getByText('内部备注').click();
    await page.getByTestId('add-entry-body').fill('疑似进水阀故障');
    await page.getByTestId('add-entry-submit').click();
    await expect.poll(() => page.getByTestId('timeline-entry').filter({ hasText: '疑似进水阀故障' }).count()).toBe(1);
    // The solution is required: submitting without it says so and keeps the form.
    await page.getByTestId('ticket-action-propose_solution').click();
    await page.getByTestId('ticket-step-submit').click();
    await page.getByTestId('ticket-action-error').or(page.getByText('请填写')).first().waitFor();
    await page.getByTestId('step-solution').fill('上门更换进水阀');
    await page.getByTestId('ticket-step-submit').click();
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).not.toBe('');
    await act('execute');
    await act('confirm');
    await act('close', async (p) => {
      await p.getByTestId('step-rating-satisfied').click();
    });
    await expect.poll(() => page.getByTestId('ticket-status').getAttribute('data-status')).toBe('closed');
    await page.getByTestId('ticket-follow-up').waitFor();
  });
});
