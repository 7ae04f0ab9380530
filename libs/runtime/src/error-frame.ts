import type { FieldIssue } from './errors';

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
