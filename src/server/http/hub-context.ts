import type pg from 'pg';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { AuthContext } from '../auth/sessions';
import type { Clock } from '../clock';

/** What every route of the hub works with, as `app.hub`. */
export interface HubContext {
  pool: pg.Pool;
  clock: Clock;
  sessionTtlMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: HubContext;
    /** preHandler for routes that need a signed-in caller; see auth/require-auth.ts. */
    requireAuth: preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    /** Set by requireAuth; null on routes without it. */
    auth: AuthContext | null;
  }
}
