import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openStore } from '../../src/main/db/store';
import { MutationRunner } from '../../src/main/services/mutations';
import { WorkspaceService } from '../../src/main/services/workspace-service';
import { applyIcs } from '../../src/shared/calendar/ics-import';
import { parseCalendarDef } from '../../src/shared/calendar/calendar-schema';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, REPO_ROOT, startCore } from '../support/test-core';

const tempDir = useTempDirs();

describe('migration 0005 (working calendars)', () => {
  it('moves a calendar a lead imported under version 4 (kept in settings) into the synced table, as revision 1', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const v4 = openStore(dir, clock.now, { migrations: MIGRATIONS.slice(0, 4) });
    new WorkspaceService(v4.db, clock, new MutationRunner(v4.db, clock, () => undefined)).createDemo();
    // What version 4's calendar.importIcs wrote: the whole definition and the file name, in settings.
    const shipped = parseCalendarDef(JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'calendars', 'cn-mainland.json'), 'utf8')));
    const { provisionalRule: _rule, ...v4Shipped } = shipped;
    const def = applyIcs(parseCalendarDef(v4Shipped), readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'calendars', 'company-2026.ics'), 'utf8'), 'company-2026.ics');
    const set = v4.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    set.run('calendar_override', JSON.stringify(def));
    set.run('calendar_override_file', 'company-2026.ics');
    v4.db.close();

    const core = startCore(dir, clock);
    const setup = await call(core, 'sla.get', {});
    expect(setup.calendar).toMatchObject({ importedFrom: 'company-2026.ics', revision: 1, provisionalThrough: '2036-12-31', holidays: def.holidays.length, holidaysKnownThrough: '2026-12-31', importedBy: null, importedAt: null });
    expect(core.db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'calendar_override%'").get()).toEqual({ n: 0 });
    core.close();
  });

  it('leaves a store that never imported a calendar on the shipped one (revision 0)', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const v4 = openStore(dir, clock.now, { migrations: MIGRATIONS.slice(0, 4) });
    new WorkspaceService(v4.db, clock, new MutationRunner(v4.db, clock, () => undefined)).createDemo();
    v4.db.close();
    const core = startCore(dir, clock);
    expect((await call(core, 'sla.get', {})).calendar).toMatchObject({ revision: 0, importedFrom: null, provisionalThrough: '2036-12-31' });
    expect(core.db.prepare('SELECT count(*) AS n FROM working_calendars').get()).toEqual({ n: 0 });
    core.close();
  });
});
