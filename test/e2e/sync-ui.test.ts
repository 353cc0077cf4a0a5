import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openApp, useBrowser } from './support/browser';
import { useHosts } from './support/host-process';
import { PASSWORD, useSyncHub } from '../support/sync-hub';
import { FaultProxy } from '../chaos/fault-proxy';
import { Random } from '../chaos/random';

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

describe('sync in a real browser, with a real hub', () => {
  const hub = useSyncHub();

  it('signs in from 设置, shows the hub\'s queue and 在线, and a note typed there reaches the hub', { timeout: 120_000 }, async () => {
    const seeded = await hub().seed('ann', 2);
    const host = await startHost(tempDir());
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    await page.getByTestId('sync-indicator').click();
    await page.getByTestId('sync-open-settings').click();
    await page.getByTestId('sync-hub-url').fill(hub().url);
    await page.getByTestId('sync-username').fill('ann');
    await page.getByTestId('sync-password').fill(PASSWORD);
    await page.getByTestId('sync-sign-in').click();

    const indicator = page.getByTestId('sync-indicator');
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
    expect(await indicator.textContent()).toContain('在线');
    // The standalone demo data is gone; the queue is Ann's from the hub.
    const queue = await apiFromTest(host.url, 'queue.list', { filter: {}, offset: 0, limit: 100 });
    expect(queue.rows.map((row) => row.taskId).sort()).toEqual([...seeded.tasks].sort());
    // The header re-reads who is signed in once sign-in returns, which may be after 在线 shows.
    await expect.poll(() => page.getByTestId('agent-label').textContent(), { timeout: 20_000 }).toContain('安娜');

    // Work done here reaches the hub, and the header says nothing is waiting.
    const opened = await apiFromTest(host.url, 'task.open', { taskId: seeded.tasks[0] });
    const draft = await apiFromTest(host.url, 'call.start', { taskId: opened.task.id, callId: '01900000-0000-7000-8000-00000000a001', noteId: '01900000-0000-7000-8000-00000000a002' });
    await apiFromTest(host.url, 'note.save', { noteId: draft.noteId, callId: draft.callId, body: '浏览器里记的备注' });
    await expect
      .poll(async () => (await hub().hub.pool.query("SELECT data->>'body' AS body FROM entities WHERE kind = 'notes' AND id = $1", [draft.noteId])).rows[0]?.body, { timeout: 20_000 })
      .toBe('浏览器里记的备注');
    await expect.poll(() => indicator.getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');
    expect(errors).toEqual([]);
  });

  it('syncs as soon as the computer is back on a network, not at the retry the backoff planned', { timeout: 120_000 }, async () => {
    const seeded = await hub().seed('ann', 1);
    const proxy = new FaultProxy(Number(new URL(hub().url).port), new Random(1));
    await proxy.start();
    try {
      const dir = tempDir();
      const host = await startHost(dir);
      const { page, errors } = await openApp(browser(), host.url);
      await page.getByTestId('queue-list').waitFor();
      await apiFromTest(host.url, 'sync.signIn', { hubUrl: proxy.url, username: 'ann', password: PASSWORD });
      const indicator = page.getByTestId('sync-indicator');
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
      proxy.register(readFileSync(join(dir, 'hub-session'), 'utf8').trim(), 'ann');

      // The network goes; Ann keeps typing; each failed attempt pushes the next one further out.
      proxy.setOffline('ann', true);
      const opened = await apiFromTest(host.url, 'task.open', { taskId: seeded.tasks[0] });
      const note = { callId: '01900000-0000-7000-8000-00000000b001', noteId: '01900000-0000-7000-8000-00000000b002' };
      await apiFromTest(host.url, 'call.start', { taskId: opened.task.id, ...note });
      await apiFromTest(host.url, 'note.save', { ...note, body: '断网时记的备注' });
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
      let retryAt = 0;
      await expect
        .poll(async () => {
          retryAt = (await apiFromTest(host.url, 'sync.status', {})).nextAttemptAt ?? 0;
          return retryAt - Date.now();
        }, { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(4_000);

      // The network is back and the browser says so: the note goes now, well before that retry.
      proxy.setOffline('ann', false);
      await page.context().setOffline(true);
      await page.context().setOffline(false);
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 3_000, interval: 100 }).toBe('online');
      expect(Date.now()).toBeLessThan(retryAt);
      const onHub = await hub().hub.pool.query("SELECT data->>'body' AS body FROM entities WHERE kind = 'notes' AND id = $1", [note.noteId]);
      expect(onHub.rows[0]?.body).toBe('断网时记的备注');
      expect(errors).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
