import type { z } from 'zod';
import { HubError } from './hub-error';

/** Validates a request body against a protocol schema; a mismatch is a 400 naming the fields. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw new HubError(400, 'invalid_request', `invalid request body: ${problems.join('; ')}`);
}
