import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol';
import { buildHub } from '../../src/server/app';
import { createPool } from '../../src/server/db/database';
import packageJson from '../../package.json' with { type: 'json' };
import { useHubDatabases } from '../support/hub-db';

const dbs = useHubDatabases();
const clock = { now: () => Date.UTC(2026, 10, 23, 2, 0, 0) };
const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('GET /health', () => {
  it('reports the database up, the hub version and the protocol it speaks', async () => {
    const { pool } = await dbs.fresh();
    const app = await buildHub({ pool, clock, logger: false });
    apps.push(app);
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, db: 'up', version: packageJson.version, protocolVersion: PROTOCOL_VERSION });
  });

  it('answers 503 when the database cannot be reached, so a load balancer takes the hub out', async () => {
    const pool = dbs.pool(`postgres://postgres:x@127.0.0.1:${await closedPort()}/carecall`);
    const app = await buildHub({ pool, clock, logger: false });
    apps.push(app);
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ ok: false, db: 'down' });
  });

  it('still answers 503 (not a crash) after the pool was ended', async () => {
    const { url } = await dbs.fresh();
    const pool = createPool(url);
    await pool.end();
    const app = await buildHub({ pool, clock, logger: false });
    apps.push(app);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
  });
});
