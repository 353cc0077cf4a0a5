import { describe, expect, it } from 'vitest';
import type { RowChange } from '../../../src/shared/sync/protocol';
import { SYNCED_TABLES } from '../../../src/shared/sync/synced-tables';
import { useTempDirs } from '../../support/temp-dir';
import { call, manualClock, startCore } from '../../support/test-core';
import type { Core } from '../../../src/main/core';
import { ChangeCapture } from '../../../src/main/db/change-capture';
import { openStore } from '../../../src/main/db/store';
import { seedCustomer } from '../../support/sync-seed';

const tempDir = useTempDirs();

function lastChanges(core: Core): { name: string; changes: RowChange[] | null } {
  const row = core.db.prepare('SELECT name, changes FROM outbox ORDER BY seq DESC LIMIT 1').get() as { name: string; changes: string | null };
  return { name: row.name, changes: row.changes ? (JSON.parse(row.changes) as RowChange[]) : null };
}

describe('change capture', () => {
  it('records nothing for a standalone store: the outbox holds only the mutation', async () => {
    const core = startCore(tempDir());
    core.ensureDemoWorkspace();
    await call(core, 'settings.update', { doNotDisturb: true });
    expect(lastChanges(core).changes).toBeNull();
    core.close();
  });

  it('records each changed row once with only the changed fields and the values the desktop saw', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const standalone = startCore(dir, clock);
    standalone.ensureDemoWorkspace();
    // A desktop configured for a hub that is signed out: it works offline and captures every edit.
    standalone.db.prepare("INSERT INTO sync_state (key, value) VALUES ('hub_url', 'http://127.0.0.1:9')").run();
    standalone.close();
    const core = startCore(dir, clock);
    expect((await call(core, 'sync.status', {})).state).toBe('signed_out');
    const { rows } = await call(core, 'queue.list', { filter: {}, offset: 0, limit: 1 });
    const opened = await call(core, 'task.open', { taskId: rows[0]!.taskId });
    await call(core, 'call.start', { taskId: opened.task.id, callId: opened.draft?.callId ?? '0194f3c2-0000-7000-8000-000000000001', noteId: '0194f3c2-0000-7000-8000-000000000002' });
    const started = lastChanges(core);
    expect(started.name).toBe('call.start');
    const call0 = started.changes!.find((change) => change.t === 'calls')!;
    expect(call0.op).toBe('ins');
    expect(call0.f).toMatchObject({ task_id: opened.task.id, customer_id: opened.task.customerId });

    clock.advance(60_000);
    await call(core, 'note.save', { noteId: '0194f3c2-0000-7000-8000-000000000002', callId: call0.id, body: '客户反映噪音' });
    const note = lastChanges(core).changes!;
    expect(note).toHaveLength(1);
    expect(note[0]!.t).toBe('notes');
    if (note[0]!.op === 'upd') {
      expect(note[0]!.f).toMatchObject({ body: '客户反映噪音' });
      expect(Object.keys(note[0]!.f!).sort()).toEqual(Object.keys(note[0]!.o!).sort());
      expect(note[0]!.f).not.toHaveProperty('customer_id');
    } else {
      expect(note[0]!.f).toMatchObject({ body: '客户反映噪音', call_id: call0.id });
    }
    core.close();
  });

  it('records nothing a pull writes, and captures local edits again after a pull that failed half-way', () => {
    const { db } = openStore(tempDir(), () => Date.now());
    const capture = new ChangeCapture(db);
    capture.setEnabled(true);
    const { customer } = seedCustomer(null, 1, Date.now());
    const columns = Object.keys(customer);
    const insert = db.prepare(`INSERT INTO customers (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    expect(() =>
      capture.paused(() => {
        insert.run(...columns.map((column) => customer[column]));
        throw new Error('the hub went away mid-pull');
      }),
    ).toThrow('the hub went away mid-pull');
    expect(capture.collect()).toEqual([]);
    db.prepare("UPDATE customers SET name = '改过的名字' WHERE id = ?").run(customer.id);
    expect(capture.collect()).toEqual([{ t: 'customers', id: customer.id, op: 'upd', f: { name: '改过的名字' }, o: { name: customer.name } }]);
    db.close();
  });

  it('covers exactly the synced tables of the desktop schema, column for column', () => {
    const core = startCore(tempDir());
    for (const table of SYNCED_TABLES) {
      const columns = (core.db.prepare(`PRAGMA table_info(${table.name})`).all() as { name: string; notnull: number; pk: number }[]).map((column) => column.name);
      expect(Object.keys(table.columns).sort(), table.name).toEqual(columns.sort());
    }
    core.close();
  });
});
