import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PullResponse } from '../../src/shared/sync/protocol';
import { sleep, type Random } from './random';

/**
 * The network between the desktops and the hub, with faults. Per request, a seeded choice:
 * pass; cut the connection before forwarding (a push or pull lost on the way); forward and cut
 * after the hub answered (the hub committed, the desktop never hears); duplicate (the hub gets
 * it twice, one answer goes back); delay (which also reorders requests of different desktops,
 * and keeps going when the desktop gave up: a ghost request reaching the hub late).
 * The poke stream (/sync/events) passes through untouched. Every pull answer actually handed to a
 * desktop is recorded by client id, to replay later. Deliberate faults the harness arms:
 * hold a desktop's next push (it is killed while the push waits here), kill it the moment the
 * hub answered its next push, or cut a desktop off entirely (offline).
 */
export type RequestFault = 'pass' | 'cutBefore' | 'cutAfter' | 'duplicate' | 'delay';

const FAULTABLE = new Set(['/sync/push', '/sync/pull', '/sync/heartbeat']);

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

interface Hold {
  arrived: () => void;
  released: Promise<void>;
}

export interface HeldPush {
  arrived: Promise<boolean>;
  release(): void;
}

export class FaultProxy {
  /** Faults on (the chaos phase) or off (settling): then everything passes. */
  faults = false;
  weights: Record<RequestFault, number> = { pass: 60, cutBefore: 10, cutAfter: 10, duplicate: 10, delay: 10 };
  /** e.g. "cutAfter /sync/push" -> n. */
  readonly counts: Record<string, number> = {};
  /** Answers of the hub that were errors, e.g. "500 /sync/push" -> n. */
  readonly hubErrors: Record<string, number> = {};
  /** clientId -> every pull answer handed to that desktop, in order. */
  readonly deliveredPulls = new Map<string, PullResponse[]>();
  private readonly names = new Map<string, string>();
  private readonly offline = new Set<string>();
  private readonly holds = new Map<string, Hold>();
  private readonly commitKills = new Map<string, (status: number) => Promise<void>>();
  private readonly streams = new Set<{ who: string | undefined; close: () => void }>();
  private readonly agent = new Agent({ keepAlive: false });
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly hubPort: number,
    private readonly random: Random,
  ) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const stream of this.streams) stream.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.agent.destroy();
  }

  /** Which desktop a bearer token belongs to (set after it signed in). */
  register(token: string, name: string): void {
    this.names.set(token, name);
  }

  setOffline(name: string, offline: boolean): void {
    if (offline) {
      this.offline.add(name);
      for (const stream of this.streams) if (stream.who === name) stream.close();
    } else {
      this.offline.delete(name);
    }
  }

  /** Holds the desktop's next push here; `arrived` says whether one came within the time given. */
  holdNextPush(name: string, timeoutMs: number): HeldPush {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: (value: boolean) => void = () => undefined;
    const arrival = new Promise<boolean>((resolve) => (arrived = resolve));
    this.holds.set(name, { arrived: () => arrived(true), released });
    const timer = setTimeout(() => {
      this.holds.delete(name);
      arrived(false);
    }, timeoutMs);
    return {
      arrived: arrival.finally(() => clearTimeout(timer)),
      release,
    };
  }

  /** The desktop's next push is forwarded; once the hub answered, `kill` runs, and the answer is never delivered. */
  killAfterCommit(name: string, kill: (status: number) => Promise<void>): () => void {
    this.commitKills.set(name, kill);
    return () => this.commitKills.delete(name);
  }

  private count(key: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const token = /^Bearer +(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
    const who = token ? this.names.get(token) : undefined;
    if (req.method === 'GET' && path === '/sync/events') {
      this.stream(req, res, who);
      return;
    }
    const body = await readBody(req);
    if (who && this.offline.has(who)) {
      this.count(`offline ${path}`);
      res.destroy();
      return;
    }
    if (who && path === '/sync/push') {
      const hold = this.holds.get(who);
      if (hold) {
        this.holds.delete(who);
        hold.arrived();
        await hold.released;
        res.destroy();
        return;
      }
      const kill = this.commitKills.get(who);
      if (kill) {
        this.commitKills.delete(who);
        const answer = await this.forward(req, body);
        await kill(answer?.status ?? 0);
        res.destroy();
        return;
      }
    }
    const fault: RequestFault = this.faults && FAULTABLE.has(path) ? this.random.weighted(this.weights) : 'pass';
    if (fault !== 'pass') this.count(`${fault} ${path}`);
    if (fault === 'cutBefore') {
      res.destroy();
      return;
    }
    if (fault === 'delay') await sleep(this.random.int(100, 800));
    let answer: Answer | null;
    if (fault === 'duplicate') {
      const both = (await Promise.all([this.forward(req, body), this.forward(req, body)])).filter((one): one is Answer => one !== null);
      answer = this.random.pick(both) ?? null;
    } else {
      answer = await this.forward(req, body);
    }
    if (fault === 'cutAfter' || res.destroyed || req.socket.destroyed) {
      res.destroy();
      return;
    }
    if (!answer) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal', message: 'the hub cannot be reached (proxy)' }));
      return;
    }
    if (path === '/sync/pull' && answer.status === 200) this.recordPull(body, answer.body);
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(answer.body);
  }

  private recordPull(requestBody: Buffer, answerBody: Buffer): void {
    try {
      const clientId = (JSON.parse(requestBody.toString('utf8')) as { clientId?: string }).clientId ?? '?';
      const list = this.deliveredPulls.get(clientId) ?? [];
      list.push(JSON.parse(answerBody.toString('utf8')) as PullResponse);
      this.deliveredPulls.set(clientId, list);
    } catch {
      this.count('unparsable pull');
    }
  }

  /** Sends the request to the hub; null when the hub cannot be reached (down, restarting). */
  private forward(req: IncomingMessage, body: Buffer): Promise<Answer | null> {
    return new Promise((resolve) => {
      const headers: Record<string, string> = { 'content-length': String(body.length) };
      if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      const upstream = httpRequest(
        { host: '127.0.0.1', port: this.hubPort, method: req.method, path: req.url, headers, agent: this.agent, timeout: 30_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 502;
            if (status >= 500) this.hubErrors[`${status} ${req.url}`] = (this.hubErrors[`${status} ${req.url}`] ?? 0) + 1;
            resolve({ status, contentType: String(response.headers['content-type'] ?? 'application/json'), body: Buffer.concat(chunks) });
          });
          response.on('error', () => resolve(null));
        },
      );
      upstream.on('error', () => resolve(null));
      upstream.on('timeout', () => upstream.destroy());
      upstream.end(body);
    });
  }

  /** The poke stream, piped both ways until either side goes away. */
  private stream(req: IncomingMessage, res: ServerResponse, who: string | undefined): void {
    if (who && this.offline.has(who)) {
      res.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (req.headers.accept) headers.accept = req.headers.accept;
    const upstream = httpRequest({ host: '127.0.0.1', port: this.hubPort, method: 'GET', path: req.url, headers, agent: this.agent });
    const entry = {
      who,
      close: () => {
        upstream.destroy();
        res.destroy();
      },
    };
    this.streams.add(entry);
    const done = () => {
      this.streams.delete(entry);
      entry.close();
    };
    upstream.on('response', (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
      response.on('end', done);
      response.on('error', done);
      response.on('close', done);
    });
    upstream.on('error', done);
    res.on('close', done);
    upstream.end();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
