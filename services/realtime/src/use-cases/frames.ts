import type { ServerFrame } from './ports';

/** `{"type":"error","error":{code,message,details?}}`: the answer to a frame the server refuses. */
export function errorFrame(
  code: string,
  message: string,
  details?: { field: string; message: string }[],
): ServerFrame {
  return { type: 'error', error: details ? { code, message, details } : { code, message } };
}

/** Why a frame that reached `$default` cannot be handled, in words for the client. */
export function badFrameReason(body: string | undefined): string {
  if (body === undefined || body.trim() === '') return 'Frame is empty';
  let frame: unknown;
  try {
    frame = JSON.parse(body);
  } catch {
    return 'Frame is not valid JSON';
  }
  if (frame === null || typeof frame !== 'object' || Array.isArray(frame))
    return 'Frame must be a JSON object';
  const { action } = frame as { action?: unknown };
  if (typeof action !== 'string' || action === '') return 'Frame has no "action"';
  return `Unknown action "${action.slice(0, 64)}"`;
}
