import { HubErrorBody, type HubErrorBody as HubError } from '../../shared/sync/protocol';

/** A refused request: the hub answered with an error status (or could not be reached at all). */
export class HubRequestError extends Error {
  constructor(
    /** 0 when the hub could not be reached (network down, hub restarting, timeout). */
    readonly status: number,
    readonly body: HubError | null,
    message: string,
  ) {
    super(message);
  }

  get unreachable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export interface HubTransport {
  post<T>(path: string, body: unknown, token: string | null, parse: (value: unknown) => T): Promise<T>;
  /** Opens the poke stream; `onPoke` runs for every poke; resolves when the stream ends. */
  listen(token: string, onPoke: () => void, onOpen: () => void, signal: AbortSignal): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** HTTP(S) to the hub with fetch: JSON bodies, a timeout per request, typed errors. */
export function httpTransport(baseUrl: string, fetchImpl: typeof fetch = fetch): HubTransport {
  const url = (path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;
  return {
    async post(path, body, token, parse) {
      let response: Response;
      try {
        response = await fetchImpl(url(path), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new HubRequestError(0, null, `the hub at ${baseUrl} cannot be reached (${error instanceof Error ? error.message : String(error)})`);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        let parsed: HubError | null = null;
        try {
          const candidate = HubErrorBody.safeParse(JSON.parse(text));
          if (candidate.success) parsed = candidate.data;
        } catch {
          // Not JSON (a proxy's error page): the status says enough.
        }
        throw new HubRequestError(response.status, parsed, parsed?.message ?? `the hub answered ${response.status}`);
      }
      try {
        return parse(text === '' ? null : JSON.parse(text));
      } catch (error) {
        throw new HubRequestError(502, null, `the hub sent an answer this CareCall does not understand (${error instanceof Error ? error.message : String(error)})`);
      }
    },

    async listen(token, onPoke, onOpen, signal) {
      const response = await fetchImpl(url('/sync/events'), { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal });
      if (!response.ok || !response.body) throw new HubRequestError(response.status, null, `the hub refused the event stream (${response.status})`);
      onOpen();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: poke$/m.test(event)) onPoke();
          end = buffer.indexOf('\n\n');
        }
      }
    },
  };
}
