import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openApp, useBrowser } from './support/browser';
import { useHosts } from './support/host-process';

const tempDir = useTempDirs();
const browser = useBrowser();
const startHost = useHosts();

/** A loopback port nothing listens on: a hub that is down answers with "connection refused". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function trySignIn(page: Page, hubUrl: string): Promise<{ kind: string | null; text: string }> {
  await page.getByTestId('sync-hub-url').fill(hubUrl);
  await page.getByTestId('sync-username').fill('zhangwei');
  await page.getByTestId('sync-password').fill('secret-1');
  await page.getByTestId('sync-sign-in').click();
  const error = page.getByTestId('sync-error');
  await error.waitFor();
  return { kind: await error.getAttribute('data-kind'), text: (await error.textContent()) ?? '' };
}

describe('sync in a real browser, without a hub', () => {
  it('shows a standalone desktop as 单机, and a sign-in that cannot work says why and changes nothing', { timeout: 120_000 }, async () => {
    const host = await startHost(tempDir());
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const agentLabel = await page.getByTestId('agent-label').textContent();

    // The header says the desktop is standalone, with nothing waiting for a hub.
    const indicator = page.getByTestId('sync-indicator');
    await expect.poll(() => indicator.getAttribute('data-state')).toBe('standalone');
    expect(await indicator.textContent()).toContain('单机');
    expect(await indicator.getAttribute('data-pending')).toBe('0');

    // Its details: no hub, nothing to sync now, nothing refused.
    await indicator.click();
    await page.getByTestId('sync-details').waitFor();
    expect(await page.getByTestId('sync-hub').textContent()).toBe('未设置');
    expect(await page.getByTestId('sync-now').isDisabled()).toBe(true);
    expect(await page.getByTestId('sync-rejections').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('sync-rejections').textContent()).toContain('没有被退回的修改');

    // "同步设置" leads to the sign-in form, which warns what signing in does to this computer's data.
    await page.getByTestId('sync-open-settings').click();
    await page.getByTestId('sync-sign-in-form').waitFor();
    expect(await page.getByTestId('sync-panel').getAttribute('data-state')).toBe('standalone');
    expect(await page.getByTestId('sync-replace-note').textContent()).toContain('单机数据会被同步服务器上的数据替换');

    // An address without http:// is refused in words, and the field is marked.
    const malformed = await trySignIn(page, '10.0.0.5:8787');
    expect(malformed.kind).toBe('field');
    expect(malformed.text).toContain('同步服务器地址格式不对');
    expect(malformed.text).toContain('http://10.0.0.5:8787');
    expect(await page.getByTestId('sync-hub-url').getAttribute('aria-invalid')).toBe('true');

    // A hub that does not answer: said so, with the address tried.
    const port = await closedPort();
    const down = await trySignIn(page, `http://127.0.0.1:${port}`);
    expect(down.kind).toBe('unreachable');
    expect(down.text).toContain('连接不上同步服务器');
    expect(await page.getByTestId('sync-hub-url').getAttribute('aria-invalid')).not.toBe('true');

    // Neither attempt changed anything: still standalone, same agent, form still there.
    const status = await apiFromTest<'sync.status'>(host.url, 'sync.status', {});
    expect(status).toMatchObject({ state: 'standalone', hubUrl: null, user: null, pending: 0, rejections: [] });
    expect(await indicator.getAttribute('data-state')).toBe('standalone');
    expect(await page.getByTestId('agent-label').textContent()).toBe(agentLabel);
    expect(await page.getByTestId('sync-sign-in-form').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
