import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/shared/sync/conflict-policy';
import { syncedTable, type RowData } from '../../../src/shared/sync/synced-tables';

const tasks = syncedTable('callback_tasks')!;
const notes = syncedTable('notes')!;
const events = syncedTable('ticket_events')!;
const agents = syncedTable('agents')!;

const task: RowData = {
  id: 't1', customer_id: 'c1', purchase_id: null, type: 'routine_early', status: 'pending', is_open: 1, priority: 3,
  due_start: 1, due_end: 2, attempts: 0, assigned_agent_id: 'a1', last_disposition: null, created_at: 1, updated_at: 1,
  ticket_id: null, purpose_key: null,
};
const note: RowData = { id: 'n1', customer_id: 'c1', task_id: 't1', call_id: null, agent_id: 'a1', body: '初稿', created_at: 1, updated_at: 1 };
const live = (data: RowData) => ({ data, deleted: false });

describe('conflict policy', () => {
  it('rule 1: plain fields are last-writer-wins, merged field by field in hub commit order', () => {
    const first = decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { status: 'completed' }, o: { status: 'pending' } }, live(task), 'a1');
    expect(first).toMatchObject({ kind: 'write', data: { status: 'completed', priority: 3 } });
    // A second desktop that also saw "pending" changed another field: both edits survive.
    const merged = first.kind === 'write' ? first.data : task;
    const second = decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { priority: 1 }, o: { priority: 3 } }, live(merged), 'a1');
    expect(second).toMatchObject({ kind: 'write', data: { status: 'completed', priority: 1 } });
    // And when both change the same plain field, the later commit wins.
    const third = decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { status: 'retry' }, o: { status: 'pending' } }, live(merged), 'a1');
    expect(third).toMatchObject({ kind: 'write', data: { status: 'retry' } });
  });

  it('rule 2: notes and issue timelines are append-only; only the author edits a note', () => {
    expect(decide(notes, { t: 'notes', id: 'n2', op: 'ins', f: { ...note, id: 'n2' } }, null, 'a2')).toMatchObject({ kind: 'write' });
    expect(decide(notes, { t: 'notes', id: 'n1', op: 'upd', f: { body: '改写' }, o: { body: '初稿' } }, live(note), 'a1')).toMatchObject({ kind: 'write', data: { body: '改写' } });
    expect(decide(notes, { t: 'notes', id: 'n1', op: 'upd', f: { body: '别人改写' }, o: { body: '初稿' } }, live(note), 'a2')).toMatchObject({ kind: 'reject', code: 'forbidden' });
    expect(decide(notes, { t: 'notes', id: 'n1', op: 'del' }, live(note), 'a1')).toMatchObject({ kind: 'reject', code: 'forbidden' });
    expect(decide(notes, { t: 'notes', id: 'n1', op: 'ins', f: { ...note, body: '另一份' } }, live(note), 'a2')).toMatchObject({ kind: 'reject', code: 'conflict' });
    expect(decide(notes, { t: 'notes', id: 'n1', op: 'ins', f: note }, live(note), 'a1')).toEqual({ kind: 'none' });
    const event: RowData = { id: 'e1', ticket_id: 'k1', at: 1, agent_id: 'a1', kind: 'note', from_status: null, to_status: null, body: 'x', data: '{}' };
    expect(decide(events, { t: 'ticket_events', id: 'e1', op: 'upd', f: { body: 'y' }, o: { body: 'x' } }, live(event), 'a1')).toMatchObject({ kind: 'reject' });
  });

  it('rule 3: reassigning is conditional on the owner the desktop saw; v1 pushes without old values fall back to rule 1', () => {
    const reassigned = { ...task, assigned_agent_id: 'a3' };
    const lost = decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { assigned_agent_id: 'a2' }, o: { assigned_agent_id: 'a1' } }, live(reassigned), 'lead');
    expect(lost).toMatchObject({ kind: 'reject', code: 'lost_race' });
    expect(lost.kind === 'reject' && lost.reason).toContain('a3');
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { assigned_agent_id: 'a2' }, o: { assigned_agent_id: 'a1' } }, live(task), 'lead')).toMatchObject({
      kind: 'write',
      data: { assigned_agent_id: 'a2' },
    });
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { assigned_agent_id: 'a2' } }, live(reassigned), 'lead')).toMatchObject({ kind: 'write' });
  });

  it('rule 4: nothing deleted comes back', () => {
    const tombstone = { data: null, deleted: true };
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { status: 'completed' }, o: { status: 'pending' } }, tombstone, 'a1')).toMatchObject({ kind: 'reject', code: 'conflict' });
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'ins', f: task }, tombstone, 'a1')).toMatchObject({ kind: 'reject', code: 'conflict' });
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'del' }, tombstone, 'a1')).toEqual({ kind: 'none' });
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'del' }, live(task), 'a1')).toEqual({ kind: 'delete' });
  });

  it('rule 5: a row every desktop could not store is refused, naming the column', () => {
    const bad = decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { priority: 9 }, o: { priority: 3 } }, live(task), 'a1');
    expect(bad).toMatchObject({ kind: 'reject', code: 'invalid' });
    expect(bad.kind === 'reject' && bad.reason).toContain('priority');
    const missing = decide(tasks, { t: 'callback_tasks', id: 't9', op: 'ins', f: { id: 't9' } }, null, 'a1');
    expect(missing).toMatchObject({ kind: 'reject', code: 'invalid' });
    expect(decide(tasks, { t: 'callback_tasks', id: 't1', op: 'upd', f: { hacked: 'x' } }, live(task), 'a1')).toMatchObject({ kind: 'reject', code: 'invalid' });
    expect(decide(agents, { t: 'agents', id: 'a1', op: 'upd', f: { role: 'admin' } }, null, 'a1')).toMatchObject({ kind: 'reject', code: 'forbidden' });
  });
});
