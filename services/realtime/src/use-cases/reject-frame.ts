import { errorFrame } from '@chat/runtime';
import type { ConnectionMessenger, SendOutcome } from './ports';

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

/** A malformed frame or an unknown action gets a BAD_FRAME error frame; the connection stays open. */
export function rejectFrame(
  deps: { messenger: ConnectionMessenger },
  connectionId: string,
  body: string | undefined,
): Promise<SendOutcome> {
  return deps.messenger.send(connectionId, errorFrame('BAD_FRAME', badFrameReason(body)));
}
