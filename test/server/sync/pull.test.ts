import { describe, expect, it } from 'vitest';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { hubPost, insertChanges, login, pullAll, pushAs, SCHEMA_VERSION, seedCustomer } from '../../support/sync-seed';
import { PROTOCOL_VERSION } from '../../../src/shared/sync/protocol';
import { purgeTombstones } from '../../../src/server/sync/tombstones';

const hub = useSyncHub({ pullPageRows: 7 });

const pullOnce = (url: string, session: Parameters<typeof hubPost>[2], cursor: string | null) =>
  hubPost(url, '/sync/pull', session, { clientId: session!.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, cursor, pendingFromSeq: null });

describe('pull', () => {
  it('never skips a commit that lands late: the union of pulls during concurrent writes equals a full read', async () => {
    const h = hub();
    const reader = await login(h.url, 'root', PASSWORD);
    const writers = await Promise.all(['root', 'root', 'root'].map((name) => login(h.url, name, PASSWORD)));
    let cursor: string | null = (await pullAll(h.url, reader)).cursor;
    const seen = new Map<string, unknown>();
    let writing = true;
    const puller = (async () => {
      while (writing) {
        const page = await pullOnce(h.url, reader, cursor);
        expect(page.status).toBe(200);
        for (const row of page.body.rows) seen.set(`${row.t}/${row.id}`, row.data);
        cursor = page.body.cursor;
        if (!page.body.more) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // A slow writer: it takes its version, then holds its transaction open while others try to commit.
    const slow = (async () => {
      const client = await h.hub.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query('UPDATE hub_state SET version = version + 1 WHERE id = 1 RETURNING version');
        const seed = seedCustomer(null, 900_000, Date.now());
        await client.query(
          "INSERT INTO entities (kind, id, data, version, customer_id, updated_at) VALUES ('customers', $1, $2, $3, $1, 0)",
          [seed.customer.id, seed.customer, rows[0].version],
        );
        await new Promise((resolve) => setTimeout(resolve, 400));
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    })();
    const pushes = writers.flatMap((writer, w) =>
      Array.from({ length: 4 }, (_, i) => {
        const seeds = Array.from({ length: 1 + ((w + i) % 3) }, (_, k) => seedCustomer(null, 10_000 + w * 100 + i * 10 + k, Date.now()));
        return { writer, seq: i, seeds };
      }),
    );
    await Promise.all(
      writers.map(async (writer) => {
        for (const push of pushes.filter((p) => p.writer === writer)) {
          const result = await pushAs(h.url, writer, push.seq, [{ name: 'import.apply', changes: insertChanges(push.seeds) }]);
          expect(result.status).toBe(200);
        }
      }),
    );
    await slow;
    writing = false;
    await puller;
    // One last pull after everyone committed, as a desktop would on the next poke.
    for (;;) {
      const page = await pullOnce(h.url, reader, cursor);
      for (const row of page.body.rows) seen.set(`${row.t}/${row.id}`, row.data);
      cursor = page.body.cursor;
      if (!page.body.more) break;
    }
    const full = await h.hub.pool.query('SELECT kind, id, data FROM entities WHERE NOT deleted');
    const missing = full.rows.filter((row) => !seen.has(`${row.kind}/${row.id}`) && row.kind !== 'agents');
    // Rows from before the reader's first cursor were delivered then, not in this loop.
    const before = new Set((await pullAll(h.url, await login(h.url, 'root', PASSWORD))).rows.map((row) => `${row.t}/${row.id}`));
    expect(missing.filter((row) => !before.has(`${row.kind}/${row.id}`))).toEqual([]);
    for (const push of pushes) for (const seed of push.seeds) expect(seen.has(`customers/${seed.customer.id}`)).toBe(true);
  });

  it('delivers deletions as tombstones, resets a desktop whose scope shrank, and resets a cursor older than the tombstones kept', async () => {
    const h = hub();
    const seeded = await h.seed('ann', 2);
    const ann = await login(h.url, 'ann', PASSWORD);
    const first = await pullAll(h.url, ann);
    expect(first.rows.filter((row) => row.t === 'callback_tasks').map((row) => row.id)).toEqual(expect.arrayContaining(seeded.tasks));
    const purchase = first.rows.find((row) => row.t === 'purchases' && row.data?.customer_id === seeded.customers[0])!;
    let adminSeq = Number((await h.hub.pool.query('SELECT last_mutation_seq FROM clients WHERE id = $1', [h.admin.clientId])).rows[0].last_mutation_seq);
    const adminPush = async (name: string, changes: Parameters<typeof pushAs>[3][number]['changes']) => {
      const result = await pushAs(h.url, h.admin, adminSeq, [{ name, changes }]);
      adminSeq += 1;
      return result;
    };

    // A deleted delivery reaches Ann as a tombstone in an ordinary incremental pull.
    expect((await adminPush('import.apply', [{ t: 'purchases', id: purchase.id, op: 'del' }])).body.rejected).toEqual([]);
    const second = await pullAll(h.url, ann, first.cursor);
    expect(second.resets).toBe(0);
    expect(second.rows).toEqual([{ t: 'purchases', id: purchase.id, data: null }]);

    // Losing a task shrinks her scope: the next pull is a reset that simply no longer has it.
    expect((await adminPush('planning.run', [{ t: 'callback_tasks', id: seeded.tasks[0]!, op: 'del' }])).body.rejected).toEqual([]);
    const third = await pullAll(h.url, ann, second.cursor);
    expect(third.resets).toBe(1);
    expect(third.rows.map((row) => row.id)).not.toContain(seeded.tasks[0]);
    expect(third.rows.map((row) => row.id)).toContain(seeded.tasks[1]);

    // Re-creating what was deleted is refused: nothing deleted comes back.
    const back = await adminPush('planning.run', [{ t: 'callback_tasks', id: seeded.tasks[0]!, op: 'ins', f: { id: seeded.tasks[0]! } }]);
    expect(back.body.rejected).toEqual([expect.objectContaining({ code: 'conflict', reason: expect.stringContaining('deleted') })]);

    // Tombstones past retention are dropped; a cursor from before them starts over.
    expect(await purgeTombstones(h.hub.pool, Date.now() + 1000, 0)).toBeGreaterThan(0);
    const afterPurge = await pullOnce(h.url, ann, first.cursor);
    expect(afterPurge.body.reset).toBe(true);
  });

  it('refuses a cursor from the future and one that is not a cursor, and resets a cursor of another user', async () => {
    const h = hub();
    const ann = await login(h.url, 'ann', PASSWORD);
    const bo = await login(h.url, 'bo', PASSWORD);
    const annCursor = (await pullAll(h.url, ann)).cursor;
    const future = Buffer.from(JSON.stringify([1, h.userId.ann, 'x', 10 ** 12, null, null, null])).toString('base64url');
    expect(await pullOnce(h.url, ann, future)).toMatchObject({ status: 400, body: { error: 'cursor_invalid' } });
    expect(await pullOnce(h.url, ann, 'not-a-cursor')).toMatchObject({ status: 400, body: { error: 'cursor_invalid' } });
    const borrowed = await pullOnce(h.url, bo, annCursor);
    expect(borrowed.status).toBe(200);
    expect(borrowed.body.reset).toBe(true);
  });
});
