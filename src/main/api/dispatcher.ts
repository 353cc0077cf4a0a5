import type { z } from 'zod';
import { apiContract, isApiName, type ApiContract, type ApiName, type ApiOutput } from '../../shared/api/contract';
import { CoreError, zodToApiError, type ApiResult } from '../../shared/api/result';

export type Handlers = {
  [N in ApiName]: (input: z.output<ApiContract[N]['input']>) => ApiOutput<N> | Promise<ApiOutput<N>>;
};

export type Dispatch = (name: unknown, input: unknown) => Promise<ApiResult<unknown>>;

/**
 * The single entry point every transport calls: validates the input against the contract,
 * runs the handler, validates the output, and turns every failure into a typed error result.
 * Nothing thrown inside a handler reaches a transport as an exception.
 */
export function createDispatcher(handlers: Handlers, log: (message: string, error: unknown) => void): Dispatch {
  return async (name, rawInput) => {
    if (!isApiName(name)) {
      return { ok: false, error: { code: 'unknown_call', message: `Unknown call: ${String(name).slice(0, 80)}` } };
    }
    const spec = apiContract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error, name) };
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        log(`output of ${name} does not match the contract`, checked.error);
        return { ok: false, error: { code: 'internal', message: `${name} produced an invalid result` } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof CoreError) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
      }
      log(`${name} failed`, error);
      return { ok: false, error: { code: 'internal', message: `${name} failed: ${error instanceof Error ? error.message : String(error)}` } };
    }
  };
}
