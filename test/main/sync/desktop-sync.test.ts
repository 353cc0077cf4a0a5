import { statSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { useTempDirs } from '../../support/temp-dir';
import { call, startCore } from '../../support/test-core';

const hub = useSyncHub();
const tempDir = useTempDirs();

async function signedIn(username: string, dir = tempDir()): Promise<Core> {
  const core = startCore(dir, { now: () => Date.now() }, undefined, { sync: { intervalMs: 60_000 } });
  const status = await call(core, 'sync.signIn', { hubUrl: hub().url, username, password: PASSWORD });
  expect(status.state).toBe('online');
  return core;
}

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a desktop signed in to a hub', () => {
  it('receives its own queue, and a note saved there reaches the lead through a poke', async () => {
    const seeded = await hub().seed('ann', 3);
    const ann = await signedIn('ann');
    const queue = await call(ann, 'queue.list', { filter: {}, offset: 0, limit: 50 });
    expect(queue.rows.map((row) => row.taskId).sort()).toEqual(expect.arrayContaining(seeded.tasks));
    const lead = await signedIn('lead');

    const taskId = seeded.tasks[0]!;
    const callId = uuidv7();
    const noteId = uuidv7();
    await call(ann, 'task.open', { taskId });
    await call(ann, 'call.start', { taskId, callId, noteId });
    await call(ann, 'note.save', { noteId, callId, body: '客户说洗衣机有异响' });
    const seen = await until(
      () => lead.db.prepare('SELECT body FROM notes WHERE id = ?').get(noteId) as { body: string } | undefined,
      (row) => row?.body === '客户说洗衣机有异响',
    );
    if (seen?.body !== '客户说洗衣机有异响') {
      console.log(JSON.stringify(await call(ann, 'sync.status', {}), null, 1));
      console.log((await hub().hub.pool.query('select seq, name, status, reason from mutation_log')).rows);
      console.log(lead.db.prepare('SELECT count(*) n FROM notes').get(), lead.db.prepare('SELECT count(*) n FROM callback_tasks').get());
    }
    expect(seen?.body).toBe('客户说洗衣机有异响');
    await until(() => call(ann, 'sync.status', {}), (status) => status.pending === 0);
    expect((await call(ann, 'sync.status', {})).pending).toBe(0);
    ann.close();
    lead.close();
  });

  it('keeps the session token in a file only the user can read', async () => {
    const dir = tempDir();
    const core = await signedIn('bo', dir);
    expect(statSync(join(dir, 'hub-session')).mode & 0o777).toBe(0o600);
    core.close();
  });
});
