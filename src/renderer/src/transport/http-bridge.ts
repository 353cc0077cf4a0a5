import type { CareCallBridge } from '../../../shared/api/bridge';
import type { ApiResult } from '../../../shared/api/result';

const TOKEN_KEY = 'carecall.token';

/**
 * The browser host's side of the contract: the same calls as the Electron preload, over
 * loopback HTTP (calls) and server-sent events (events). The launch token arrives once in the
 * URL; it is kept for this tab only and removed from the address bar.
 */
export function createHttpBridge(location: Location, history: History, storage: Storage): CareCallBridge {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  const token = storage.getItem(TOKEN_KEY) ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureEvents = (): void => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
  };

  return {
    transport: 'http',
    async call(name, input): Promise<ApiResult<unknown>> {
      try {
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-carecall-token': token },
          body: JSON.stringify({ name, input }),
        });
        if (response.status === 401) {
          return { ok: false, error: { code: 'unauthorized', message: 'The browser host did not accept this page’s token. Open the URL CareCall printed.' } };
        }
        return (await response.json()) as ApiResult<unknown>;
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `CareCall core is not reachable: ${String(error)}` } };
      }
    },
    async upload(fileName, bytes): Promise<ApiResult<{ fileId: string }>> {
      try {
        const response = await fetch(`/api/upload?name=${encodeURIComponent(fileName)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', 'x-carecall-token': token },
          body: bytes,
        });
        return (await response.json()) as ApiResult<{ fileId: string }>;
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `CareCall core is not reachable: ${String(error)}` } };
      }
    },
    on(event, listener) {
      ensureEvents();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
