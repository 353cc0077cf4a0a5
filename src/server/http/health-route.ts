import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { HUB_VERSION } from '../version';

/** For load balancers and monitoring: 200 only while the database answers. */
export function registerHealthRoute(app: FastifyInstance): void {
  app.get('/health', async (request, reply) => {
    try {
      await app.hub.pool.query('select 1');
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ ok: false, db: 'down' });
    }
    return { ok: true, db: 'up', version: HUB_VERSION, protocolVersion: PROTOCOL_VERSION };
  });
}
