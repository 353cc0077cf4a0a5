import { describe, expect, it } from 'vitest';
import { PASSWORD, useSyncHub } from '../../support/sync-hub';
import { hubPost, login, pullAll, pushAs, SCHEMA_VERSION } from '../../support/sync-seed';
import { PROTOCOL_VERSION } from '../../../src/shared/sync/protocol';

const hub = useSyncHub();

/** Opens the poke stream of a session and counts pokes. */
async function listen(url: string, token: string) {
  const abort = new AbortController();
  const response = await fetch(`${url}/sync/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(response.status).toBe(200);
  const state = { pokes: 0 };
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) state.pokes += (decoder.decode(chunk).match(/event: poke/g) ?? []).length;
    } catch {
      // aborted
    }
  })();
  return { state, close: () => abort.abort() };
}

const waitFor = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('live pokes and heartbeats', () => {
  it('pokes the users whose scope a push changed (the agent and their lead), not the others', async () => {
    const h = hub();
    const { customers } = await h.seed('ann', 1);
    const ann = await login(h.url, 'ann', PASSWORD);
    const streams = {
      ann: await listen(h.url, ann.token),
      lead: await listen(h.url, (await login(h.url, 'lead', PASSWORD)).token),
      cai: await listen(h.url, (await login(h.url, 'cai', PASSWORD)).token),
    };
    const note = { id: 'live-note', customer_id: customers[0]!, task_id: null, call_id: null, agent_id: h.userId.ann, body: '回访完成', created_at: 1, updated_at: 1 };
    expect((await pushAs(h.url, ann, 0, [{ name: 'note.save', changes: [{ t: 'notes', id: 'live-note', op: 'ins', f: note }] }])).body.rejected).toEqual([]);
    await waitFor(() => streams.ann.state.pokes > 0 && streams.lead.state.pokes > 0);
    expect(streams.ann.state.pokes).toBeGreaterThan(0);
    expect(streams.lead.state.pokes).toBeGreaterThan(0);
    expect(streams.cai.state.pokes).toBe(0);
    for (const stream of Object.values(streams)) stream.close();
  });

  it("keeps each device's outbox size and oldest pending age for the lead, and only for the lead", async () => {
    const h = hub();
    const ann = await login(h.url, 'ann', PASSWORD);
    const beat = await hubPost(h.url, '/sync/heartbeat', ann, { clientId: ann.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, pending: 7, oldestPendingAt: 1_700_000_000_000 });
    expect(beat.status).toBe(204);
    const lead = await pullAll(h.url, await login(h.url, 'lead', PASSWORD));
    expect(lead.last.team.devices).toEqual(expect.arrayContaining([expect.objectContaining({ clientId: ann.clientId, userName: '安娜', pending: 7, oldestPendingAt: 1_700_000_000_000 })]));
    const agent = await pullAll(h.url, ann);
    expect(agent.last.team).toBeNull();
    const caiLead = await pullAll(h.url, await login(h.url, 'cai', PASSWORD));
    expect(caiLead.last.team).toBeNull();
  });
});
