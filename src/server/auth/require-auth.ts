import type { FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from '../http/hub-error';
import '../http/hub-context';
import { authenticate, type AuthContext } from './sessions';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * preHandler for every route that needs a signed-in caller: reads `Authorization: Bearer
 * <token>` and sets request.auth, or answers 401.
 */
export async function requireAuth(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw new HubError(401, 'unauthorized', 'sign in first: this request needs an Authorization: Bearer token');
  const { pool, clock } = request.server.hub;
  const auth = await authenticate(pool, token, clock.now());
  if (!auth) throw new HubError(401, 'unauthorized', 'your session has ended (expired, signed out or the account was disabled); sign in again');
  request.auth = auth;
}

/** request.auth on a route that has requireAuth as its preHandler. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new Error(`${request.method} ${request.url} reads request.auth without requireAuth as its preHandler`);
  return request.auth;
}
