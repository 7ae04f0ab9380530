import { ValidationError, type DomainError, type FieldIssue } from './errors';

/**
 * The WebSocket API's error frame (API.md "WebSocket"): `{"type":"error","clientMessageId"?,"error":{code,
 * message,details?}}`, the answer to a frame the server refuses; the connection stays open.
 */
export type ErrorFrame = {
  type: 'error';
  /** The refused frame's clientMessageId, when it had a usable one (so the client can match the answer). */
  clientMessageId?: string;
  error: { code: string; message: string; details?: FieldIssue[] };
};

/** What an error frame may carry besides its code and message. */
export interface ErrorFrameExtra {
  clientMessageId?: string | undefined;
  details?: FieldIssue[] | undefined;
}

/**
 * Builds an error frame. Pure (no AWS): use cases build their refusals with it, and every service's error frames
 * have the contract's shape.
 */
export function errorFrame(code: string, message: string, extra: ErrorFrameExtra = {}): ErrorFrame {
  const { clientMessageId, details } = extra;
  return {
    type: 'error',
    ...(clientMessageId === undefined ? {} : { clientMessageId }),
    error: details === undefined ? { code, message } : { code, message, details },
  };
}

/**
 * The error frame of a refusal: the domain error's code and message, with its field details when it is a
 * validation error that has some.
 */
export function domainErrorFrame(error: DomainError, clientMessageId?: string): ErrorFrame {
  const details = error instanceof ValidationError && error.details.length > 0 ? error.details : undefined;
  return errorFrame(error.code, error.message, { clientMessageId, details });
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
