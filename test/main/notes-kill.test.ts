import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { NoteRepository } from '../../src/main/db/repositories/note-repository';
import { useTempDirs } from '../support/temp-dir';
import { call, REPO_ROOT, startCore } from '../support/test-core';

const tempDir = useTempDirs();
const ROUNDS = 12;

/** Starts the real browser host in its own process, as `npm run browser` does. */
async function startHostProcess(dataDir: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main/browser-host/main.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^CareCall: http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)$/.exec(line);
    if (match) return { child, port: Number(match[1]), token: match[2]! };
  }
  throw new Error('the browser host exited before printing its URL');
}

async function api(port: number, token: string, name: string, input: unknown): Promise<{ ok: boolean; value?: any }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carecall-token': token },
    body: JSON.stringify({ name, input }),
  });
  return (await response.json()) as { ok: boolean; value?: any };
}

describe('notes survive a killed process', () => {
  it(`keeps every note edit the UI was told was saved, across ${ROUNDS} SIGKILLs at random moments`, { timeout: 240_000 }, async () => {
    const dataDir = tempDir();
    const setup = startCore(dataDir);
    await call(setup, 'workspace.createDemo', {});
    const { rows } = await call(setup, 'queue.list', { filter: {}, offset: 0, limit: 1 });
    const taskId = rows[0]!.taskId;
    const draft = await call(setup, 'call.start', { callId: uuidv7(), taskId, noteId: uuidv7() });
    setup.close();

    let typed = '';
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < ROUNDS; round++) {
      const { child, port, token } = await startHostProcess(dataDir);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const sent: string[] = [];
      let lastAcked = -1;
      let killed = false;
      // Kill at a random moment once typing is under way, like a crash mid-typing.
      const armKill = () =>
        setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, random() * 400);
      while (!killed) {
        typed += `第${round}轮-${sent.length};`;
        const body = typed;
        sent.push(body);
        const index = sent.length - 1;
        try {
          const result = await api(port, token, 'note.save', { noteId: draft.noteId, callId: draft.callId, body });
          if (result.ok) {
            if (lastAcked < 0) armKill();
            lastAcked = index;
          }
        } catch {
          break; // the connection died with the process
        }
        await new Promise((r) => setTimeout(r, random() * 15));
      }
      await exited;
      const check = startCore(dataDir);
      const saved = new NoteRepository(check.db).get(draft.noteId)!.body;
      expect(check.db.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
      // What is on disk is what the UI last heard "saved" for, or an edit sent after it.
      const storedIndex = sent.indexOf(saved);
      expect(storedIndex, `round ${round}: acked #${lastAcked}, found something else`).toBeGreaterThanOrEqual(Math.max(lastAcked, 0));
      expect(lastAcked, `round ${round} saved nothing before the kill`).toBeGreaterThanOrEqual(0);
      typed = saved;
    }
  });
});
