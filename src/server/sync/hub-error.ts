import type { HubErrorBody } from '../../shared/sync/protocol';

/** A refused request: its HTTP status and the typed body the desktop reads. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorBody['error'],
    message: string,
    readonly extra: { lastMutationSeq?: number } = {},
  ) {
    super(message);
  }

  body(): HubErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
