import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { CustomerRepository } from '../db/repositories/customer-repository';
import { OutboundMessageRepository } from '../db/repositories/outbound-message-repository';

const BATCH = 50;
const TIMEOUT_MS = 10_000;

export interface SmsDispatcherOptions {
  clock: Clock;
  /** The deployment's SMS gateway webhook, or null: messages then stay queued and visible. */
  webhookUrl: () => string | null;
  log: (message: string) => void;
  onChanged: () => void;
  /** Moves the messages whose time has come (appointment SMS the day before) into the outbox; how many. */
  releaseDue?: () => number;
  fetchImpl?: typeof fetch;
}

/**
 * Hands queued messages to the deployment's SMS gateway: one POST per message with
 * { id, to, body }, the message id as Idempotency-Key so a retried POST never sends twice.
 * The whole number leaves the core only here, to the gateway the deployment configured.
 */
export class SmsDispatcher {
  private readonly messages: OutboundMessageRepository;
  private readonly customers: CustomerRepository;
  private running: Promise<{ sent: number; failed: number }> | null = null;

  constructor(db: Db, private readonly options: SmsDispatcherOptions) {
    this.messages = new OutboundMessageRepository(db);
    this.customers = new CustomerRepository(db);
  }

  /**
   * Queues what is due by the clock (with or without a gateway, so the outbox shows it), then
   * sends what is queued (and retries what failed); one sending run at a time.
   */
  flush(): Promise<{ sent: number; failed: number }> {
    const released = this.options.releaseDue?.() ?? 0;
    if (released > 0) this.options.onChanged();
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<{ sent: number; failed: number }> {
    const url = this.options.webhookUrl();
    if (!url) return { sent: 0, failed: 0 };
    const fetchImpl = this.options.fetchImpl ?? fetch;
    let sent = 0;
    let failed = 0;
    for (const message of this.messages.sendable(BATCH)) {
      const to = this.customers.getPhone(message.customerId);
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': message.id },
          body: JSON.stringify({ id: message.id, channel: message.channel, to, body: message.body }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`the gateway answered HTTP ${response.status}`);
        this.messages.markSent(message.id, this.options.clock.now());
        sent++;
      } catch (error) {
        this.messages.markFailed(message.id, error instanceof Error ? error.message : String(error));
        failed++;
      }
    }
    if (sent + failed > 0) this.options.onChanged();
    if (failed > 0) this.options.log(`SMS gateway: ${failed} message(s) not sent; they will be tried again`);
    return { sent, failed };
  }
}
