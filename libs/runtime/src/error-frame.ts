import { RateLimitedError, ValidationError, type DomainError, type FieldIssue } from './errors';

/**
 * The WebSocket API's error frame (API.md "WebSocket"): `{"type":"error","clientMessageId"?,"error":{code,
 * message,details?}}`, the answer to a frame the server refuses; the connection stays open.
 */
export type ErrorFrame = {
  type: 'error';
  /** The refused frame's clientMessageId, when it had a usable one (so the client can match the answer). */
  clientMessageId?: string;
  /** `retryAfter`: whole seconds until a refused action may be tried again (`RATE_LIMITED` only). */
  error: { code: string; message: string; details?: FieldIssue[]; retryAfter?: number };
};

/** What an error frame may carry besides its code and message. */
export interface ErrorFrameExtra {
  clientMessageId?: string | undefined;
  details?: FieldIssue[] | undefined;
  retryAfter?: number | undefined;
}

/**
 * Builds an error frame. Pure (no AWS): use cases build their refusals with it, and every service's error frames
 * have the contract's shape.
 */
export function errorFrame(code: string, message: string, extra: ErrorFrameExtra = {}): ErrorFrame {
  const { clientMessageId, details, retryAfter } = extra;
  return {
    type: 'error',
    ...(clientMessageId === undefined ? {} : { clientMessageId }),
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    },
  };
}

/**
 * The error frame of a refusal: the domain error's code and message, with its field details when it is a
 * validation error that has some, and `retryAfter` (seconds) when it is a rate limit.
 */
export function domainErrorFrame(error: DomainError, clientMessageId?: string): ErrorFrame {
  const details = error instanceof ValidationError && error.details.length > 0 ? error.details : undefined;
  const retryAfter = error instanceof RateLimitedError ? error.retryAfterSeconds : undefined;
  return errorFrame(error.code, error.message, { clientMessageId, details, retryAfter });
}

/**
 * A client frame's body as JSON, or `undefined` when it has none or it is not JSON (the frame's schema then
 * refuses it).
 */
export function parseFrameBody(body: string | undefined): unknown {
  try {
    return body === undefined ? undefined : (JSON.parse(body) as unknown);
  } catch {
    return undefined;
  }
}
