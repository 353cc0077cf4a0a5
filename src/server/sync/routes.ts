import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { HeartbeatRequest, MIN_PULL_PROTOCOL, PullRequest, PushRequest } from '../../shared/sync/protocol';
import type { Actor } from './entity-repository';
import { ClientLogRepository } from './client-log-repository';
import { HubError } from './hub-error';
import type { PokeHub } from './pokes';
import { pull } from './pull';
import { push } from './push';

export interface SyncRouteDeps {
  pool: Pool;
  clock: { now(): number };
  pokes: PokeHub;
  /** The account layer's preHandler: sets request.auth or answers 401. */
  requireAuth: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  pullPageRows?: number;
}

type Authed = Actor & { clientId: string | null };

function actorOf(request: FastifyRequest): Authed {
  const auth = (request as FastifyRequest & { auth?: { userId: string; role: Actor['role']; teamId: string | null; clientId: string | null } }).auth;
  if (!auth) throw new HubError(401, 'unauthorized', 'sign in first');
  return { userId: auth.userId, role: auth.role, teamId: auth.teamId, clientId: auth.clientId ?? null };
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HubError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

/** The sync protocol over HTTP: push, pull, heartbeat and the poke stream (SSE). */
export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  const send = async (request: FastifyRequest, reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      // Refusals are logged with who asked, so an admin can see a misbehaving or forged client.
      request.log.warn({ status: error.status, code: error.code, user: (request as { auth?: { userId: string } }).auth?.userId }, error.message);
      return reply.code(error.status).send(error.body());
    }
  };

  app.post('/sync/push', { preHandler: deps.requireAuth }, (request, reply) =>
    send(request, reply, async () => {
      const actor = actorOf(request);
      const body = parse(PushRequest, request.body);
      const outcome = await push(deps.pool, actor, body, deps.clock.now());
      if (outcome.rejected > 0) request.log.warn({ user: actor.userId, client: body.clientId, rejected: outcome.response.rejected }, 'mutations rejected');
      request.log.info({ user: actor.userId, applied: outcome.applied, rejected: outcome.rejected, last: outcome.response.lastMutationSeq }, 'push');
      return outcome.response;
    }),
  );

  app.post('/sync/pull', { preHandler: deps.requireAuth }, (request, reply) =>
    send(request, reply, async () => pull(deps.pool, actorOf(request), parse(PullRequest, request.body), deps.clock.now(), deps.pullPageRows)),
  );

  app.post('/sync/heartbeat', { preHandler: deps.requireAuth }, (request, reply) =>
    send(request, reply, async () => {
      const actor = actorOf(request);
      const body = parse(HeartbeatRequest, request.body);
      if (body.protocolVersion < MIN_PULL_PROTOCOL) throw new HubError(426, 'update_required', 'update CareCall');
      const client = await deps.pool.connect();
      try {
        const ok = await new ClientLogRepository(client).heartbeat(body.clientId, actor.userId, body.pending, body.oldestPendingAt, deps.clock.now());
        if (!ok) throw new HubError(403, 'forbidden', 'this client id is not registered to the signed-in user');
      } finally {
        client.release();
      }
      return reply.code(204).send();
    }),
  );

  app.get('/sync/events', { preHandler: deps.requireAuth }, (request, reply) => {
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
