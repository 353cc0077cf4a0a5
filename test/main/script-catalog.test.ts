import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { ScriptCatalog } from '../../src/main/services/script-catalog';
import { useTempDirs } from '../support/temp-dir';
import { call, RESOURCES_DIR, startCore } from '../support/test-core';

const tempDir = useTempDirs();

/** A resources folder holding the shipped scripts, one of them replaced by `broken`. */
function resourcesWith(file: string, broken: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'scripts'));
  for (const name of ['routine-early.json', 'routine-stable.json', 'post-resolution.json']) {
    copyFileSync(join(RESOURCES_DIR, 'scripts', name), join(dir, 'scripts', name));
  }
  writeFileSync(join(dir, 'scripts', file), broken);
  return dir;
}

describe('script catalog', () => {
  it('names the file for a script that is not JSON, and keeps the others', () => {
    const dir = resourcesWith('routine-stable.json', '{ "id": "routine-stable", ');
    const catalog = new ScriptCatalog(join(dir, 'scripts'));
    expect(catalog.problems).toHaveLength(1);
    expect(catalog.problems[0]).toMatchObject({ file: 'routine-stable.json', stepId: null });
    expect(catalog.problems[0]!.message).toMatch(/not valid JSON/);
    expect(catalog.forType('routine_early').script?.id).toBe('routine-early');
    expect(catalog.forType('routine_stable')).toMatchObject({ script: null, problem: { file: 'routine-stable.json' } });
  });

  it('names the file and step of a broken step; the app still opens that callback with the error shown', async () => {
    const raw = JSON.parse(readFileSync(join(RESOURCES_DIR, 'scripts', 'routine-early.json'), 'utf8'));
    raw.steps[2].question.type = 'stars';
    const dir = resourcesWith('routine-early.json', JSON.stringify(raw));
    const core = startCore(tempDir(), undefined, dir);
    expect(core.scriptProblems).toEqual([{ file: 'routine-early.json', stepId: raw.steps[2].id, message: expect.stringContaining('question.type') }]);
    await call(core, 'workspace.createDemo', {});
    const { rows } = await call(core, 'queue.list', { filter: { types: ['routine_early'] }, offset: 0, limit: 1 });
    const opened = await call(core, 'task.open', { taskId: rows[0]!.taskId });
    expect(opened.script).toBeNull();
    expect(opened.scriptError).toMatchObject({ file: 'routine-early.json', stepId: raw.steps[2].id });
    // Notes and the outcome can still be recorded for that call.
    const draft = await call(core, 'call.start', { callId: uuidv7(), taskId: rows[0]!.taskId, noteId: uuidv7() });
    const done = await call(core, 'call.finish', {
      callId: draft.callId, disposition: 'completed', answers: {}, notes: '话术有误，仅记录笔记', satisfaction: null, nps: null, rescheduleAt: null,
    });
    expect(done.call).toMatchObject({ scriptId: 'none', notes: '话术有误，仅记录笔记' });
    core.close();
  });

  it('hands out a script by id, and says not_found for an unknown or malformed id', async () => {
    const core = startCore(tempDir());
    const { script } = await call(core, 'script.get', { scriptId: 'routine-early' });
    expect(script.callbackType).toBe('routine_early');
    expect(await core.dispatch('script.get', { scriptId: 'no-such-script' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('script.get', { scriptId: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    core.close();
  });
});
