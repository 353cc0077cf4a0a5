import type { HubErrorBody } from '../../shared/sync/protocol';

export type HubErrorCode = HubErrorBody['error'];

/** A refusal with its HTTP status and wire body; thrown from any route, answered by the error handler. */
export class HubError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HubErrorCode,
    message: string,
    readonly extra: Pick<HubErrorBody, 'lastMutationSeq'> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }

  get body(): HubErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
