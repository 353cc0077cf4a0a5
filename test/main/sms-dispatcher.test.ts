import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboundMessageRepository } from '../../src/main/db/repositories/outbound-message-repository';
import { SmsDispatcher } from '../../src/main/services/sms-dispatcher';
import { useTempDirs } from '../support/temp-dir';
import { call, manualClock, startCore } from '../support/test-core';

const tempDir = useTempDirs();
let gateway: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
  gateway = null;
});

/** A stand-in for the deployment's SMS gateway: a real HTTP server on loopback that records what it gets. */
async function startGateway(answer: () => number): Promise<{ url: string; received: { headers: Record<string, unknown>; body: { id: string; to: string; body: string } }[] }> {
  const received: { headers: Record<string, unknown>; body: { id: string; to: string; body: string } }[] = [];
  gateway = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) as { id: string; to: string; body: string } });
      response.writeHead(answer()).end();
    });
  });
  await new Promise<void>((resolve) => gateway!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, received };
}

describe('SMS outbox', () => {
  it('keeps messages queued without a gateway, then sends each once with the whole number, retrying failures', async () => {
    const clock = manualClock();
    const core = startCore(tempDir(), clock);
    await call(core, 'workspace.createDemo', {});
    const customer = core.db.prepare('SELECT id, phone FROM customers LIMIT 1').get() as { id: string; phone: string };
    const messages = new OutboundMessageRepository(core.db);
    const id = uuidv7();
    messages.queue({ id, customerId: customer.id, taskId: null, body: '王先生您好，专员将于明天 10:00 致电您。' }, clock.now());

    let url: string | null = null;
    let status = 503;
    const dispatcher = new SmsDispatcher(core.db, { clock, webhookUrl: () => url, log: () => undefined, onChanged: () => undefined });
    expect(await dispatcher.flush()).toEqual({ sent: 0, failed: 0 });
    expect(messages.counts()).toMatchObject({ queued: 1, sent: 0 });

    const gw = await startGateway(() => status);
    url = gw.url;
    expect(await dispatcher.flush()).toEqual({ sent: 0, failed: 1 });
    expect(messages.list(10)[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('503') });

    status = 200;
    expect(await dispatcher.flush()).toEqual({ sent: 1, failed: 0 });
    expect(await dispatcher.flush()).toEqual({ sent: 0, failed: 0 });
    expect(gw.received).toHaveLength(2);
    expect(gw.received[1]!.body).toEqual({ id, channel: 'sms', to: customer.phone, body: '王先生您好，专员将于明天 10:00 致电您。' });
    expect(gw.received[1]!.headers['idempotency-key']).toBe(id);
    expect(messages.list(10)[0]).toMatchObject({ status: 'sent', sentAt: clock.now(), lastError: null });
    core.close();
  });

  it('lets only a lead set the gateway, and refuses an address that is not http(s)', async () => {
    const core = startCore(tempDir());
    await call(core, 'workspace.createDemo', {});
    expect(await core.dispatch('settings.update', { smsWebhookUrl: 'https://sms.example.cn/hook' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const lead = (core.db.prepare("SELECT id FROM agents WHERE role = 'lead'").get() as { id: string }).id;
    core.db.prepare("UPDATE settings SET value = ? WHERE key = 'current_agent_id'").run(lead);
    expect(await core.dispatch('settings.update', { smsWebhookUrl: 'ftp://sms.example.cn' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await call(core, 'settings.update', { smsWebhookUrl: 'https://sms.example.cn/hook' })).smsWebhookUrl).toBe('https://sms.example.cn/hook');
    core.close();
  });
});
