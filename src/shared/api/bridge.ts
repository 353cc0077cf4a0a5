import type { ApiInput, ApiName, ApiOutput, EventName, EventPayload } from './contract';
import type { ApiResult } from './result';

/**
 * What the preload (Electron) or the HTTP bridge (browser host) puts on `window.carecall`.
 * Untyped at the wire; `createApiClient` gives the renderer the typed view of it.
 */
export interface CareCallBridge {
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Hands a file to the core (for import) and returns its fileId; files are too big for a call. */
  upload(fileName: string, bytes: ArrayBuffer): Promise<ApiResult<{ fileId: string }>>;
  /** Which transport this is; only for diagnostics, the UI never branches on it. */
  readonly transport: 'ipc' | 'http';
}

export interface ApiClient {
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiResult<ApiOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  upload(fileName: string, bytes: ArrayBuffer): Promise<ApiResult<{ fileId: string }>>;
}

export function createApiClient(bridge: CareCallBridge): ApiClient {
  return {
    call: (name, input) => bridge.call(name, input) as never,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
    upload: (fileName, bytes) => bridge.upload(fileName, bytes),
  };
}
