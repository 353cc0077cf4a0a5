import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { login, pullAll, pushAs } from '../../support/sync-seed';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { useTempDirs } from '../../support/temp-dir';
import { call, REPO_ROOT, startCore } from '../../support/test-core';
import { until } from '../../support/until';

const hub = useSyncHub();
const tempDir = useTempDirs();
/** An example of the State Council's 2027 list (not the real announcement). */
const list2027 = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'calendars', 'state-council-2027-example.csv'), 'utf8');

async function signedIn(username: string): Promise<Core> {
  const core = startCore(tempDir(), { now: () => Date.now() }, undefined, { sync: { intervalMs: 60_000 } });
  const status = await call(core, 'sync.signIn', { hubUrl: hub().url, username, password: PASSWORD });
  expect(status.state).toBe('online');
  return core;
}

describe('the working calendar is the service centre’s, through the hub', () => {
  it('a lead’s import reaches the desktops of every team; until then each says it uses the shipped calendar', async () => {
    const lead = await signedIn('lead');
    const ann = await signedIn('ann');
    const cai = await signedIn('cai');
    const before = await call(ann, 'sla.get', {});
    expect(before.calendar).toMatchObject({ revision: 0, importedFrom: null, holidaysKnownThrough: '2026-12-31' });

    const imported = await call(lead, 'calendar.importSchedule', { fileName: 'state-council-2027.csv', text: list2027 });
    expect(imported.calendar).toMatchObject({ revision: 1, importedFrom: 'state-council-2027.csv', holidaysKnownThrough: '2027-12-31', importedBy: '王组长' });

    for (const desktop of [ann, cai]) {
      const received = await until(() => call(desktop, 'sla.get', {}), (setup) => setup.calendar.revision === 1);
      expect(received.calendar).toMatchObject({ revision: 1, importedFrom: 'state-council-2027.csv', holidaysKnownThrough: '2027-12-31', importedBy: '王组长' });
      expect(received.calendar.holidays).toBe(imported.calendar.holidays);
    }

    // Back to the shipped calendar: a new revision for everyone, not a deletion.
    await call(lead, 'calendar.reset', {});
    const reset = await until(() => call(cai, 'sla.get', {}), (setup) => setup.calendar.revision === 2);
    expect(reset.calendar).toMatchObject({ importedFrom: null, holidaysKnownThrough: '2026-12-31' });
    for (const desktop of [lead, ann, cai]) desktop.close();
  });

  it('agents cannot change it: the desktop refuses, and the hub refuses a forged push', async () => {
    const ann = await signedIn('ann');
    expect(await ann.dispatch('calendar.importSchedule', { fileName: 'state-council-2027.csv', text: list2027 })).toMatchObject({
      ok: false, error: { code: 'unauthorized' },
    });
    ann.close();

    const session = await login(hub().url, 'bo', PASSWORD);
    const row = { id: 'cn-mainland', definition: null, file_name: 'forged.csv', revision: 9, official_through: null, imported_by: hub().userId.bo, imported_by_name: '李博', imported_at: 1 };
    const forged = await pushAs(hub().url, session, 0, [
      { name: 'calendar.importSchedule', changes: [{ t: 'working_calendars', op: 'ins', id: 'cn-mainland', f: row }] },
      { name: 'note.save', changes: [{ t: 'working_calendars', op: 'ins', id: 'cn-mainland', f: row }] },
    ]);
    expect(forged.status).toBe(200);
    expect(forged.body.rejected.map((r: { code: string }) => r.code)).toEqual(['forbidden', 'forbidden']);
    expect(forged.body.rejected[0].reason).toContain('lead');
  });

  it('the hub refuses a lead’s push whose calendar would not work on the other desktops, and keeps the one in force', async () => {
    const session = await login(hub().url, 'lead', PASSWORD);
    const row = { id: 'cn-mainland', file_name: 'broken.csv', revision: 7, official_through: '2027-12-31', imported_by: hub().userId.lead, imported_by_name: '王组长', imported_at: 1 };
    const pushed = await pushAs(hub().url, session, 0, [
      { name: 'calendar.importSchedule', changes: [{ t: 'working_calendars', op: 'ins', id: 'cn-mainland', f: { ...row, definition: '{"id":"cn-mainland"' } }] },
      { name: 'calendar.importSchedule', changes: [{ t: 'working_calendars', op: 'ins', id: 'cn-mainland', f: { ...row, definition: JSON.stringify({ id: 'cn-mainland', holidays: [] }) } }] },
    ]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.rejected.map((r: { code: string }) => r.code)).toEqual(['invalid', 'invalid']);
    expect(pushed.body.rejected[1].reason).toContain('not a usable working calendar');
    const { rows } = await pullAll(hub().url, session);
    const calendar = rows.find((r) => r.t === 'working_calendars');
    expect(calendar?.data?.revision ?? null).not.toBe(7);
  });
});
