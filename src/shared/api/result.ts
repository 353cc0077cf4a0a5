import { z } from 'zod';

/** Errors cross the boundary as data, never as thrown exceptions, so the UI can always show them. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unknown_call',
  'unauthorized',
  'script_invalid',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorSchema = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field path -> message, for invalid_input. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export function zodToApiError(error: z.ZodError, what: string): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first?.path.join('.') || 'input';
  return { code: 'invalid_input', message: `${what}: ${where}: ${first?.message ?? 'invalid'}`, fields };
}
