import type pg from 'pg';
import type { HubTransport } from '../main/sync/hub-transport';
import { HubRequestError } from '../main/sync/hub-transport';
import { LoginRequest, PullRequest, PushRequest } from '../shared/sync/protocol';
import { logIn } from '../server/auth/login';
import { authenticate, DEFAULT_SESSION_TTL_MS } from '../server/auth/sessions';
import { HubError } from '../server/http/hub-error';
import { pull, pullBody } from '../server/sync/pull';
import { push } from '../server/sync/push';

/**
 * The sync protocol without HTTP, for the hub's own tools (bulk import): the same login, push and
 * pull functions the routes call, on the hub's database. It exists because a CRM import is one
 * mutation of hundreds of thousands of rows, larger than the HTTP push limit meant for desktops;
 * the tool still signs in with a password and is held to an admin's scope and the same rules.
 */
export function directTransport(pool: pg.Pool, clock: { now(): number }): HubTransport {
  const actor = async (token: string | null) => {
    const auth = token ? await authenticate(pool, token, clock.now()) : null;
    if (!auth) throw new HubRequestError(401, { error: 'unauthorized', message: 'sign in first' }, 'sign in first');
    return { userId: auth.userId, role: auth.role, teamId: auth.teamId, clientId: auth.clientId ?? null };
  };
  const call = async (path: string, body: unknown, token: string | null): Promise<unknown> => {
    switch (path) {
      case '/auth/login':
        return logIn(pool, LoginRequest.parse(body), { now: clock.now(), sessionTtlMs: DEFAULT_SESSION_TTL_MS });
      case '/sync/push':
        return (await push(pool, await actor(token), PushRequest.parse(body), clock.now())).response;
      case '/sync/pull':
        return JSON.parse(pullBody(await pull(pool, await actor(token), PullRequest.parse(body), clock.now()))) as unknown;
      case '/sync/heartbeat':
      case '/auth/logout':
        return null;
      default:
        throw new HubRequestError(404, null, `no ${path} on the direct transport`);
    }
  };
  return {
    async post(path, body, token, parse) {
      try {
        return parse(await call(path, body, token));
      } catch (error) {
        if (error instanceof HubError) throw new HubRequestError(error.statusCode, error.body, error.message);
        throw error;
      }
    },
    // Nobody else writes through this tool's session; there is nothing to be poked about.
    listen: (_token, _onPoke, _onOpen, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
  };
}
