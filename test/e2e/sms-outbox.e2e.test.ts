import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import { maskName } from '../../src/shared/domain/person-name';
import { STORE_FILE } from '../../src/main/db/store';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openApp, openTaskFromQueue, useBrowser } from './support/browser';
import { useHosts, type HostProcess } from './support/host-process';
import { moveCoreClock } from './support/test-clock';

const tempDir = useTempDirs();
const browser = useBrowser();
const startHost = useHosts();
let host: HostProcess | null = null;
let gateway: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  gateway = null;
});

/**
 * A stand-in SMS gateway on a free local port: records what it is sent, and refuses the
 * messages whose ids are in `refuse` with HTTP 503.
 */
async function startGateway(refuse: Set<string>): Promise<{ url: string; received: { id: string; to: string; body: string }[] }> {
  const received: { id: string; to: string; body: string }[] = [];
  gateway = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      const message = JSON.parse(text) as { id: string; to: string; body: string };
      received.push(message);
      response.statusCode = refuse.has(message.id) ? 503 : 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => gateway!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, received };
}

/** A callback in today's group of whoever is signed in, for a customer other than `notFor`'s. */
async function todaysTask(url: string, notFor?: QueueRow): Promise<QueueRow> {
  const { rows } = await apiFromTest<'queue.list'>(url, 'queue.list', { filter: {}, group: 'today', offset: 0, limit: 200 });
  // The outbox shows names masked (张*): two customers must not look alike there.
  const task = rows.find((r) => r.customerId !== notFor?.customerId && maskName(r.customerName) !== maskName(notFor?.customerName ?? ''));
  if (!task) throw new Error('no callback in today\'s group');
  return task;
}

/**
 * The appointment SMS goes to the outbox the day before the call: move the host's test clock to
 * that moment (a no-op when it went at booking, the call being within a day).
 */
async function untilSmsDue(h: HostProcess, dataDir: string, taskId: string): Promise<void> {
  const db = new Database(join(dataDir, STORE_FILE), { readonly: true });
  let sendAt: number | undefined;
  try {
    sendAt = db.prepare("SELECT send_at FROM appointment_sms WHERE task_id = ? AND state = 'waiting'").pluck().get(taskId) as number | undefined;
  } finally {
    db.close();
  }
  if (sendAt === undefined) return;
  await moveCoreClock(h.url, { setTo: sendAt });
}

/** From the queue: the customer is busy, a suggested time is agreed, the call is finished. */
async function bookBusyCustomer(page: Page, task: QueueRow): Promise<void> {
  await openTaskFromQueue(page, task);
  await page.getByTestId('disposition-customer_busy').click();
  await page.getByTestId('slot').first().click();
  await page.getByTestId('finish-call').click();
  await page.getByTestId('queue-list').waitFor();
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-screen').waitFor();
  await page.getByTestId('sms-panel').waitFor();
}

const messageOf = (page: Page, customerName: string) => page.getByTestId('sms-message').filter({ hasText: maskName(customerName) });

/**
 * There is no sign-in: the current agent is a setting, changed while the host is down. The
 * demo lead has no callbacks of their own, so one of the agent's is handed to them as well.
 */
function signInAsLeadWith(dataDir: string, taskId: string): void {
  const db = new Database(join(dataDir, STORE_FILE));
  try {
    const lead = db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string };
    db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead.id);
    db.prepare('UPDATE callback_tasks SET assigned_agent_id = ? WHERE id = ?').run(lead.id, taskId);
  } finally {
    db.close();
  }
}

describe('SMS outbox in a real browser', () => {
  it('queues the appointment SMS of a busy customer, shows it in settings, and says no gateway sends it', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    host = await startHost(dataDir, ['--test-clock']);

    // One window already on the outbox: it follows the change without a reload.
    const watcher = await openApp(browser(), host.url);
    await watcher.page.getByTestId('queue-list').waitFor();
    await openSettings(watcher.page);
    await watcher.page.getByTestId('sms-empty').waitFor();
    expect(await watcher.page.getByTestId('sms-count-queued').getAttribute('data-count')).toBe('0');

    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const task = await todaysTask(host.url);
    await bookBusyCustomer(page, task);
    await untilSmsDue(host, dataDir, task.taskId);

    const outbox = await apiFromTest<'messages.list'>(host.url, 'messages.list', { limit: 10 });
    expect(outbox.gatewayConfigured).toBe(false);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ customerName: maskName(task.customerName), status: 'queued', attempts: 0, sentAt: null });

    await openSettings(page);
    const row = messageOf(page, task.customerName);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('queued');
    expect(await row.getByTestId('sms-message-status').textContent()).toBe('排队中');
    expect(await row.getByTestId('sms-message-body').textContent()).toBe(outbox.rows[0]!.body);
    expect(await page.getByTestId('sms-count-queued').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('sms-gateway-missing').textContent()).toContain('未配置短信网关，短信保留在发件箱中，不会发送');

    // An agent sees the (empty) gateway address but cannot change it.
    const input = page.getByTestId('sms-webhook-input');
    expect(await input.getAttribute('readonly')).not.toBeNull();
    expect(await input.inputValue()).toBe('');
    expect(await page.getByTestId('sms-webhook-save').count()).toBe(0);

    await expect.poll(() => messageOf(watcher.page, task.customerName).getAttribute('data-status'), { timeout: 15_000 }).toBe('queued');
    expect(await watcher.page.getByTestId('sms-count-queued').getAttribute('data-count')).toBe('1');
    expect(errors).toEqual([]);
    expect(watcher.errors).toEqual([]);
  });

  it('lets a lead set the gateway: a bad address is refused at the field, then queued messages are sent or fail with the reason', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    host = await startHost(dataDir, ['--test-clock']);
    const agent = await openApp(browser(), host.url);
    await agent.page.getByTestId('queue-list').waitFor();
    const first = await todaysTask(host.url);
    await bookBusyCustomer(agent.page, first);
    await untilSmsDue(host, dataDir, first.taskId);
    const [queued] = (await apiFromTest<'messages.list'>(host.url, 'messages.list', { limit: 10 })).rows;
    const second = await todaysTask(host.url, first);
    await agent.page.context().close();

    await host.stop();
    signInAsLeadWith(dataDir, second.taskId);
    host = await startHost(dataDir, ['--test-clock']);
    // The gateway refuses the agent's earlier message and takes the lead's.
    const sms = await startGateway(new Set([queued!.id]));
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    await openSettings(page);
    await page.getByTestId('sms-gateway-missing').waitFor();
    const input = page.getByTestId('sms-webhook-input');
    expect(await input.getAttribute('readonly')).toBeNull();

    // Not an http(s) address: the core's reason shows at the field and nothing is saved.
    await input.fill('ftp://sms.example.com/send');
    await page.getByTestId('sms-webhook-save').click();
    await page.getByTestId('sms-webhook-error').waitFor();
    expect(await page.getByTestId('sms-webhook-error').textContent()).toContain('http');
    expect(await input.inputValue()).toBe('ftp://sms.example.com/send');
    expect((await apiFromTest<'session.get'>(host.url, 'session.get', {})).settings.smsWebhookUrl).toBe('');
    expect(await page.getByTestId('sms-gateway-missing').count()).toBe(1);

    // Typing again clears the error; a real address is saved and the note goes away.
    await input.fill(sms.url);
    expect(await page.getByTestId('sms-webhook-error').count()).toBe(0);
    await page.getByTestId('sms-webhook-save').click();
    await expect.poll(() => page.getByTestId('sms-gateway-missing').count()).toBe(0);
    expect((await apiFromTest<'session.get'>(host.url, 'session.get', {})).settings.smsWebhookUrl).toBe(sms.url);
    // Setting the gateway hands it what waited at once: the earlier message is tried (and refused).
    await expect.poll(() => messageOf(page, first.customerName).getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');

    // The lead books a busy customer too: the gateway is tried for everything queued.
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-list').waitFor();
    await bookBusyCustomer(page, second);
    await untilSmsDue(host, dataDir, second.taskId);
    await openSettings(page);
    await expect.poll(() => messageOf(page, second.customerName).getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    const failed = messageOf(page, first.customerName);
    await expect.poll(() => failed.getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');
    expect(await failed.getByTestId('sms-message-status').textContent()).toBe('发送失败');
    expect(await failed.getByTestId('sms-message-error').textContent()).toContain('503');
    expect(await page.getByTestId('sms-count-sent').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('sms-count-failed').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('sms-count-queued').getAttribute('data-count')).toBe('0');
    // Newest first.
    expect(await page.getByTestId('sms-message').first().textContent()).toContain(maskName(second.customerName));
    const sent = (await apiFromTest<'messages.list'>(host.url, 'messages.list', { limit: 10 })).rows;
    expect([...new Set(sms.received.map((m) => m.id))].sort()).toEqual(sent.map((m) => m.id).sort());

    // Cleared: messages stay in the outbox again, and the screen says so.
    await input.fill('');
    await page.getByTestId('sms-webhook-save').click();
    await page.getByTestId('sms-gateway-missing').waitFor();
    expect((await apiFromTest<'session.get'>(host.url, 'session.get', {})).settings.smsWebhookUrl).toBe('');
    expect(errors).toEqual([]);
  });
});
