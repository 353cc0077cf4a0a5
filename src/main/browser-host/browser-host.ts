import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { EVENT_NAMES } from '../../shared/api/contract';
import { IMPORT_MAX_BYTES } from '../../shared/api/import-contract';
import type { AdjustableClock } from '../clock';
import type { Core } from '../core';

export interface BrowserHostOptions {
  core: Core;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  /** Test mode only: POST /test/clock moves the core's clock; never offered otherwise. */
  testClock?: { clock: AdjustableClock; changed(): void };
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The browser host: the same core and the same API table as the Electron app, served to a
 * browser over loopback. Binds 127.0.0.1 only, requires the per-launch token on every API
 * request, and refuses requests whose Host or Origin is not this server (DNS rebinding).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const tokenMatches = (candidate: string | null | undefined): boolean => {
    const given = Buffer.from(candidate ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  let port = options.port;
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      send(response, 403, { error: 'This host only answers requests addressed to 127.0.0.1.' });
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      send(response, 403, { error: 'Cross-origin requests are refused.' });
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/call') {
      if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
      if (!tokenMatches(header(request, 'x-carecall-token'))) return send(response, 401, { error: 'missing or wrong token' });
      const body = await readBody(request);
      if (body === null) return send(response, 413, { error: 'request too large' });
      let message: { name?: unknown; input?: unknown };
      try {
        message = JSON.parse(body) as { name?: unknown; input?: unknown };
      } catch {
        return send(response, 200, { ok: false, error: { code: 'invalid_input', message: 'The request body is not JSON.' } });
      }
      const result = await options.core.dispatch(message.name, message.input);
      return send(response, 200, result);
    }
    if (url.pathname === '/test/clock' && options.testClock) {
      if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
      if (!tokenMatches(header(request, 'x-carecall-token'))) return send(response, 401, { error: 'missing or wrong token' });
      const body = JSON.parse((await readBody(request)) ?? '{}') as { advanceMs?: unknown; setTo?: unknown };
      if (typeof body.advanceMs === 'number') options.testClock.clock.advance(body.advanceMs);
      else if (typeof body.setTo === 'number') options.testClock.clock.set(body.setTo);
      else return send(response, 400, { error: 'give advanceMs or setTo (epoch ms)' });
      options.testClock.changed();
      return send(response, 200, { now: options.testClock.clock.now() });
    }
    if (url.pathname === '/api/upload') {
      if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
      if (!tokenMatches(header(request, 'x-carecall-token'))) return send(response, 401, { error: 'missing or wrong token' });
      const bytes = await readBytes(request, IMPORT_MAX_BYTES);
      if (bytes === null) return send(response, 413, { ok: false, error: { code: 'invalid_input', message: 'the file is larger than the import limit' } });
      return send(response, 200, options.core.upload(url.searchParams.get('name') ?? '', bytes));
    }
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'))) return send(response, 401, { error: 'missing or wrong token' });
      return streamEvents(request, response, options.core);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { error: 'GET only' });
    serveStatic(options.rendererDir, url.pathname, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The raw request body, or null once it passes `limit` bytes (the rest is not read). */
function readBytes(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function streamEvents(request: IncomingMessage, response: ServerResponse, core: Core): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribers = EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      response.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    }),
  );
  const unsubscribe = (): void => unsubscribers.forEach((off) => off());
  // Comments keep idle proxies and the browser from dropping the stream.
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
  request.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

function serveStatic(rendererDir: string, pathname: string, response: ServerResponse): void {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(rendererDir, relative);
  if (!file.startsWith(rendererDir + sep) && file !== rendererDir) {
    send(response, 404, { error: 'not found' });
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // The app is a single page: unknown paths get the shell, unknown assets a 404.
    if (relative.startsWith('assets/')) {
      send(response, 404, { error: 'not found' });
      return;
    }
    file = join(rendererDir, 'index.html');
  }
  if (!existsSync(file)) {
    send(response, 500, { error: `The renderer is not built (${file} missing). Run npm run build.` });
    return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    ...(type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' } : {}),
  });
  createReadStream(file).pipe(response);
}
