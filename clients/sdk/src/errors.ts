/** A field the server named as bad (400 `VALIDATION_FAILED`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * A non-2xx answer of the REST API, with the contract's error `code` (`VALIDATION_FAILED`, `BAD_JSON`,
 * `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `CONFLICT`, `PAYLOAD_TOO_LARGE`, `RATE_LIMITED`, …).
 */
export class ChatApiError extends Error {
  override readonly name = 'ChatApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    /** Seconds to wait before trying again (429 `Retry-After`). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The client was used in a way it cannot serve (not signed in, closed, a bad argument). */
export class ChatClientError extends Error {
  override readonly name = 'ChatClientError';
}

/** Whether trying the same request again later may succeed: the network, 5xx, 429. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ChatApiError) return error.status >= 500 || error.status === 429;
  return !(error instanceof ChatClientError);
}
