import type { Pool, PoolClient } from 'pg';

export const POKE_CHANNEL = 'carecall_poke';
/** NOTIFY payloads are limited to 8000 bytes; a bigger audience pokes everyone instead. */
const MAX_PAYLOAD = 7900;

export function pokePayload(userIds: readonly string[]): string {
  const payload = JSON.stringify(userIds);
  return payload.length > MAX_PAYLOAD ? '"*"' : payload;
}

interface Listener {
  userId: string;
  poke: () => void;
}

/**
 * Live pokes: every hub instance LISTENs on one PostgreSQL channel; a push's transaction NOTIFYs
 * the users whose scope it changed, and each instance writes "poke" to those users' open event
 * streams. Desktops then pull. The connection is re-established when PostgreSQL restarts.
 */
export class PokeHub {
  private readonly listeners = new Set<Listener>();
  private client: PoolClient | null = null;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly log: { warn: (object: object, message: string) => void },
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await this.pool.connect();
      this.client = client;
      client.on('notification', (message) => this.deliver(message.payload ?? '"*"'));
      client.on('error', () => this.reconnect(client));
      await client.query(`LISTEN ${POKE_CHANNEL}`);
    } catch (error) {
      this.log.warn({ err: error }, 'poke listener could not connect; retrying');
      setTimeout(() => void this.start(), 1000).unref();
    }
  }

  subscribe(userId: string, poke: () => void): () => void {
    const listener = { userId, poke };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get connections(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query(`UNLISTEN ${POKE_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }

  private reconnect(client: PoolClient): void {
    if (this.client !== client) return;
    this.client = null;
    client.release(true);
    setTimeout(() => void this.start(), 500).unref();
  }

  private deliver(payload: string): void {
    let users: Set<string> | null = null;
    try {
      const parsed = JSON.parse(payload) as unknown;
      if (Array.isArray(parsed)) users = new Set(parsed.filter((id): id is string => typeof id === 'string'));
    } catch {
      users = null;
    }
    for (const listener of this.listeners) if (!users || users.has(listener.userId)) listener.poke();
  }
}
