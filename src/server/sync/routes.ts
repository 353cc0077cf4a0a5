import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { HeartbeatRequest, MIN_PULL_PROTOCOL, PullRequest, PushRequest } from '../../shared/sync/protocol';
import { authOf, requireAuth } from '../auth/require-auth';
import { HubError } from '../http/hub-error';
import { parseBody } from '../http/parse-body';
import type { Actor } from './entity-repository';
import { ClientLogRepository } from './client-log-repository';
import type { PokeHub } from './pokes';
import { pull, pullBody } from './pull';
import { push } from './push';

export interface SyncRouteDeps {
  pool: Pool;
  clock: { now(): number };
  pokes: PokeHub;
  pullPageRows?: number;
}

type Authed = Actor & { clientId: string | null };

function actorOf(request: FastifyRequest): Authed {
  const auth = authOf(request);
  return { userId: auth.userId, role: auth.role, teamId: auth.teamId, clientId: auth.clientId ?? null };
}

/** The sync protocol over HTTP: push, pull, heartbeat and the poke stream (SSE). */
export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  app.post('/sync/push', { preHandler: requireAuth }, async (request) => {
      const actor = actorOf(request);
      const body = parseBody(PushRequest, request.body);
      const outcome = await push(deps.pool, actor, body, deps.clock.now());
      if (outcome.rejected > 0) request.log.warn({ user: actor.userId, client: body.clientId, rejected: outcome.response.rejected }, 'mutations rejected');
      request.log.info({ user: actor.userId, applied: outcome.applied, rejected: outcome.rejected, last: outcome.response.lastMutationSeq }, 'push');
      return outcome.response;
  });

  app.post('/sync/pull', { preHandler: requireAuth }, async (request, reply) => {
    const page = await pull(deps.pool, actorOf(request), parseBody(PullRequest, request.body), deps.clock.now(), deps.pullPageRows);
    return reply.type('application/json; charset=utf-8').send(pullBody(page));
  });

  app.post('/sync/heartbeat', { preHandler: requireAuth }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseBody(HeartbeatRequest, request.body);
      if (body.protocolVersion < MIN_PULL_PROTOCOL) throw new HubError(426, 'update_required', 'update CareCall');
      const client = await deps.pool.connect();
      try {
        const ok = await new ClientLogRepository(client).heartbeat(body.clientId, actor.userId, body.pending, body.oldestPendingAt, deps.clock.now());
        if (!ok) throw new HubError(403, 'forbidden', 'this client id is not registered to the signed-in user');
      } finally {
        client.release();
      }
      return reply.code(204).send();
  });

  app.get('/sync/events', { preHandler: requireAuth }, (request, reply) => {
    const actor = actorOf(request);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    stream.write(': connected\n\n');
    const unsubscribe = deps.pokes.subscribe(actor.userId, () => stream.write('event: poke\ndata: {}\n\n'));
    // A comment now and then keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), 25_000);
    keepAlive.unref();
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
}
