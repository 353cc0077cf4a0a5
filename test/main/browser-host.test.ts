import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/browser-host';
import { AdjustableClock } from '../../src/main/clock';
import type { Core } from '../../src/main/core';
import { useTempDirs } from '../support/temp-dir';
import { startCore } from '../support/test-core';

const tempDir = useTempDirs();
let host: BrowserHost | null = null;
let core: Core | null = null;

afterEach(async () => {
  await host?.close();
  core?.close();
  host = null;
  core = null;
});

async function start(testClock?: { clock: AdjustableClock; changed(): void }): Promise<BrowserHost> {
  const rendererDir = tempDir();
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CareCall</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  core = startCore(tempDir());
  host = await startBrowserHost({ core, rendererDir, port: 0, testClock });
  return host;
}

/** Raw HTTP so the test controls the Host header, which fetch does not allow. */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  it('prints a loopback URL with a per-launch token and serves the app with a strict CSP', async () => {
    const h = await start();
    expect(h.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${h.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    const page = await raw(h.port, '/', { headers: { host: `127.0.0.1:${h.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await raw(h.port, '/assets/app.js', { headers: { host: `127.0.0.1:${h.port}` } })).body).toBe('console.log(1)');
    expect((await raw(h.port, '/assets/../../etc/passwd', { headers: { host: `127.0.0.1:${h.port}` } })).body).not.toContain('root:');
    const second = await startBrowserHost({ core: core!, rendererDir: tempDir(), port: 0 });
    expect(second.token).not.toBe(h.token);
    await second.close();
  });

  it('answers API calls only with the token, and only for its own host name and origin', async () => {
    const h = await start();
    const body = JSON.stringify({ name: 'session.get', input: {} });
    const headers = { host: `127.0.0.1:${h.port}`, 'content-type': 'application/json' };
    expect((await raw(h.port, '/api/call', { method: 'POST', headers, body })).status).toBe(401);
    expect((await raw(h.port, '/api/call', { method: 'POST', headers: { ...headers, 'x-carecall-token': 'guess' }, body })).status).toBe(401);
    const ok = await raw(h.port, '/api/call', { method: 'POST', headers: { ...headers, 'x-carecall-token': h.token }, body });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { workspace: 'empty' } });
    const rebound = await raw(h.port, '/api/call', { method: 'POST', headers: { ...headers, host: `evil.example:${h.port}`, 'x-carecall-token': h.token }, body });
    expect(rebound.status).toBe(403);
    const crossOrigin = await raw(h.port, '/api/call', { method: 'POST', headers: { ...headers, origin: 'http://evil.example', 'x-carecall-token': h.token }, body });
    expect(crossOrigin.status).toBe(403);
    expect((await raw(h.port, '/api/events', { headers })).status).toBe(401);
  });

  it('turns bad requests into typed errors and keeps serving', async () => {
    const h = await start();
    const headers = { host: `127.0.0.1:${h.port}`, 'x-carecall-token': h.token };
    const notJson = await raw(h.port, '/api/call', { method: 'POST', headers, body: '{oops' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const huge = await raw(h.port, '/api/call', { method: 'POST', headers, body: 'x'.repeat(1_200_000) }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
    const tooLong = await raw(h.port, '/api/call', {
      method: 'POST', headers, body: JSON.stringify({ name: 'workspace.createEmpty', input: { agentName: '张'.repeat(500), employeeNo: 'CS1' } }),
    });
    expect(JSON.parse(tooLong.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { agentName: expect.any(String) } } });
    const still = await raw(h.port, '/api/call', { method: 'POST', headers, body: JSON.stringify({ name: 'session.get', input: {} }) });
    expect(JSON.parse(still.body).ok).toBe(true);
  });

  it('streams data-changed events to the page', async () => {
    const h = await start();
    const received = new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: h.port, path: `/api/events?token=${h.token}`, headers: { host: `127.0.0.1:${h.port}` } }, (res) => {
        res.on('data', (chunk: Buffer) => {
          const text = chunk.toString();
          if (text.includes('data.changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await core!.dispatch('workspace.createEmpty', { agentName: '赵敏', employeeNo: 'CS2001' });
    expect(await received).toContain('"entities":["settings"]');
  });

  it('moves the clock only in test mode, and only with the token', async () => {
    const plain = await start();
    const hostHeader = { host: `127.0.0.1:${plain.port}`, 'x-carecall-token': plain.token, 'content-type': 'application/json' };
    const refused = await raw(plain.port, '/test/clock', { method: 'POST', headers: hostHeader, body: JSON.stringify({ advanceMs: 1000 }) });
    expect(refused.status).toBe(405);
    await plain.close();
    core?.close();

    const clock = new AdjustableClock({ now: () => Date.UTC(2026, 10, 23, 2) });
    let changed = 0;
    const h = await start({ clock, changed: () => changed++ });
    const headers = { host: `127.0.0.1:${h.port}`, 'x-carecall-token': h.token, 'content-type': 'application/json' };
    expect((await raw(h.port, '/test/clock', { method: 'POST', headers: { ...headers, 'x-carecall-token': 'nope' }, body: '{"advanceMs":1}' })).status).toBe(401);
    const moved = await raw(h.port, '/test/clock', { method: 'POST', headers, body: JSON.stringify({ advanceMs: 3_600_000 }) });
    expect(JSON.parse(moved.body)).toEqual({ now: Date.UTC(2026, 10, 23, 3) });
    expect(changed).toBe(1);
  });
});
