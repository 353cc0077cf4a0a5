import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoginResponse, PROTOCOL_VERSION } from '../../src/shared/sync/protocol';
import { createUser } from '../../src/server/admin/users';
import { startHub } from '../../src/server/hub';
import { useTempDirs } from '../support/temp-dir';
import { REPO_ROOT } from '../support/test-core';

const tempDir = useTempDirs();

const login = (url: string) =>
  fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'wang', password: 'correct horse 1', clientId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01', protocolVersion: PROTOCOL_VERSION, schemaVersion: 4 }),
  });

describe('startHub', () => {
  it('serves over HTTP on its own database, stops completely on close, and finds its users again on restart', async () => {
    const dataDir = tempDir();
    const options = { dataDir, port: 0, host: '127.0.0.1', logger: false as const };
    let deviceCode: string;
    const first = await startHub({ ...options, routes: (app) => void app.get('/extra', async () => ({ extra: true })) });
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${first.url}/health`)).json()).toMatchObject({ ok: true, db: 'up' });
      expect(await (await fetch(`${first.url}/extra`)).json()).toEqual({ extra: true });
      await createUser(first.pool, { username: 'wang', name: '王晓敏', employeeNo: 'CS1024', role: 'agent', password: 'correct horse 1' });
      const response = await login(first.url);
      expect(response.status).toBe(200);
      deviceCode = LoginResponse.parse(await response.json()).client.deviceCode;
    } finally {
      await first.close();
    }
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startHub(options);
    try {
      const again = await login(second.url);
      expect(again.status).toBe(200);
      expect(LoginResponse.parse(await again.json()).client.deviceCode).toBe(deviceCode);
    } finally {
      await second.close();
    }
  });

  it('stops the database again when the hub cannot listen', async () => {
    const dataDir = tempDir();
    const blocker = await startHub({ dataDir: tempDir(), port: 0, host: '127.0.0.1', logger: false });
    try {
      const port = Number(new URL(blocker.url).port);
      await expect(startHub({ dataDir, port, host: '127.0.0.1', logger: false })).rejects.toThrow(/EADDRINUSE/);
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      await blocker.close();
    }
  });
});

describe('npm run hub', () => {
  it('refuses a pull page size that is not one, says what it takes, and starts nothing', () => {
    const dataDir = join(tempDir(), 'hub-data');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/server/main.ts'), '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PULL_PAGE_ROWS: '50000', CARECALL_HUB_DATA: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PULL_PAGE_ROWS must be a whole number from 1 to 5000, not "50000"');
    expect(existsSync(dataDir)).toBe(false);
  });
});
