import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Logger, LoggerOptions } from 'pino';
import { PUSH_MAX_BYTES } from '../shared/sync/protocol';
import { DEFAULT_LOGIN_RATE_LIMIT, registerAuthRoutes, type LoginRateLimit } from './auth/auth-routes';
import { prepareDummyHash } from './auth/passwords';
import { requireAuth } from './auth/require-auth';
import { DEFAULT_SESSION_TTL_MS } from './auth/sessions';
import type { Clock } from './clock';
import { registerErrorHandlers } from './http/error-handler';
import { registerHealthRoute } from './http/health-route';
import type { HubContext } from './http/hub-context';
import { createHubLogger } from './logger';

export interface BuildHubOptions {
  pool: pg.Pool;
  clock: Clock;
  /** Options for a new logger (secrets redacted), a logger to share, or false for none. Default: info. */
  logger?: LoggerOptions | Logger | false;
  /** How long a login stays valid. Default 30 days. */
  sessionTtlMs?: number;
  /** Sign-in attempts per IP address and username. Default 10 a minute. */
  loginRateLimit?: LoginRateLimit;
  /** Behind a load balancer: trust its X-Forwarded-For (Fastify's trustProxy), so limits apply per real client. */
  trustProxy?: boolean | string;
  /** Registers further routes (the sync protocol) on the app before it is returned. */
  routes?: (app: FastifyInstance) => Promise<void> | void;
}

/** The hub's HTTP application, not yet listening (tests use app.inject). */
export async function buildHub(options: BuildHubOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOption(options.logger),
    // The largest request is a push; PUSH_MAX_BYTES is what the desktop batches below.
    bodyLimit: PUSH_MAX_BYTES,
    trustProxy: options.trustProxy ?? false,
  });

  const hub: HubContext = { pool: options.pool, clock: options.clock, sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS };
  app.decorate('hub', hub);
  app.decorate('requireAuth', requireAuth);
  app.decorateRequest('auth', null);
  registerErrorHandlers(app);
  // Only routes that ask for it (config.rateLimit) are limited.
  await app.register(rateLimit, { global: false });
  await prepareDummyHash();

  registerHealthRoute(app);
  registerAuthRoutes(app, options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT);
  await options.routes?.(app);
  return app;
}

function loggerOption(logger: BuildHubOptions['logger']): { logger: false } | { loggerInstance: FastifyBaseLogger } {
  if (logger === false) return { logger: false };
  if (logger && 'child' in logger && typeof logger.child === 'function') return { loggerInstance: logger as Logger };
  return { loggerInstance: createHubLogger(logger as LoggerOptions | undefined) };
}
