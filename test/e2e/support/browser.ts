import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ApiName, ApiOutput, QueueRow } from '../../../src/shared/api/contract';
import { resolveChromium } from './chromium';

export async function launchBrowser(): Promise<Browser> {
  const found = await resolveChromium();
  return chromium.launch({ executablePath: found.executablePath, args: found.args, env: { ...withoutFakeTime(process.env), ...found.env }, headless: true });
}

/**
 * Chromium does not start under libfaketime (npm run test:dates -- --all): its pages never load.
 * The browser only shows what the core decides, on the core's clock (the host runs shifted), so
 * it runs on the real clock; e2e tests that move time move the host's with --test-clock.
 */
function withoutFakeTime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FAKETIME: _faketime, FAKETIME_DONT_FAKE_MONOTONIC: _monotonic, ...rest } = env;
  const preload = (rest.LD_PRELOAD ?? '').split(':').filter((library) => library && !library.includes('faketime'));
  return { ...rest, LD_PRELOAD: preload.join(':') };
}

/** One Chromium for a test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is only there inside a test');
    return browser;
  };
}

/** A page on the app with its token, collecting uncaught page errors so a test can assert there were none. */
export async function openApp(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

/** Opens a callback from the queue as an agent finds it: its group's tab, the phone's last digits, its row; then waits for the script. */
export async function openTaskFromQueue(page: Page, task: Pick<QueueRow, 'group' | 'phoneMasked' | 'customerName'>): Promise<void> {
  await page.getByTestId(`count-${task.group}`).click();
  await page.getByTestId('queue-search').fill(task.phoneMasked.slice(-4));
  await page.getByTestId('queue-row').filter({ hasText: task.customerName }).first().click();
  await expect.poll(() => page.getByTestId('step-title').textContent()).toBeTruthy();
}

/** Calls the core the way the page does, to read state for assertions (never to drive the flow). */
export async function apiFromTest<N extends ApiName>(url: string, name: N, input: unknown): Promise<ApiOutput<N>> {
  const parsed = new URL(url);
  const response = await fetch(`${parsed.origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carecall-token': parsed.searchParams.get('token') ?? '' },
    body: JSON.stringify({ name, input }),
  });
  const result = (await response.json()) as { ok: true; value: ApiOutput<N> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}
