import type { FastifyError, FastifyInstance } from 'fastify';
import { PUSH_MAX_BYTES, type HubErrorBody } from '../../shared/sync/protocol';
import { HubError } from './hub-error';

/** Every refusal, ours or Fastify's, leaves the hub as a HubErrorBody. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HubError, request, reply) => {
    const { status, body } = describe(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    // Every refusal is logged with who asked: a misbehaving or forged client shows up here.
    else request.log.warn({ status, error: body.error, user: request.auth?.userId ?? null, url: request.url }, body.message);
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: HubErrorBody = { error: 'not_found', message: `the hub has no ${request.method} ${request.url.split('?')[0]}` };
    void reply.code(404).send(body);
  });
}

function describe(error: FastifyError | HubError): { status: number; body: HubErrorBody } {
  if (error instanceof HubError) return { status: error.statusCode, body: error.body };
  const status = error.statusCode ?? 500;
  if (status === 413) {
    const limit = `${PUSH_MAX_BYTES / 1024 / 1024} MiB`;
    return { status, body: { error: 'too_large', message: `the request body is larger than the hub accepts (${limit}); send it in smaller parts` } };
  }
  if (status === 429) return { status, body: { error: 'rate_limited', message: error.message } };
  // Fastify's own 4xx (malformed JSON, unsupported content type...) say what was wrong.
  if (status >= 400 && status < 500) return { status, body: { error: 'invalid_request', message: error.message } };
  return { status: 500, body: { error: 'internal', message: 'the hub failed to handle this request; it has been logged' } };
}
