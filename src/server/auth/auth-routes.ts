import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoginRequest } from '../../shared/sync/protocol';
import { revokeSession } from '../db/repositories/session-repository';
import { HubError } from '../http/hub-error';
import { parseBody } from '../http/parse-body';
import { logIn } from './login';
import { authOf, requireAuth } from './require-auth';

export interface LoginRateLimit {
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { max: 10, timeWindowMs: 60_000 };

/** POST /auth/login and POST /auth/logout. Needs @fastify/rate-limit registered first. */
export function registerAuthRoutes(app: FastifyInstance, rateLimit: LoginRateLimit = DEFAULT_LOGIN_RATE_LIMIT): void {
  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.timeWindowMs,
          // After body parsing, so the key can hold the username: guessing one account's password
          // is throttled without locking out everyone behind the same office NAT.
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => `${request.ip}|${usernameOf(request.body)}`,
          errorResponseBuilder: (_request, context) =>
            new HubError(429, 'rate_limited', `too many sign-in attempts for this account; try again in ${context.after}`),
        },
      },
    },
    async (request) => {
      const login = parseBody(LoginRequest, request.body);
      const { pool, clock, sessionTtlMs } = app.hub;
      return logIn(pool, login, { now: clock.now(), sessionTtlMs });
    },
  );

  app.post('/auth/logout', { preHandler: requireAuth }, async (request, reply) => {
    await revokeSession(app.hub.pool, authOf(request).sessionId, app.hub.clock.now());
    return reply.code(204).send();
  });
}

function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
}
