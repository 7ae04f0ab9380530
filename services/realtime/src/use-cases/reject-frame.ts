import { badFrameReason, errorFrame } from './frames';
import type { ConnectionMessenger, SendOutcome } from './ports';

/** A malformed frame or an unknown action gets a BAD_FRAME error frame; the connection stays open. */
export function rejectFrame(
  deps: { messenger: ConnectionMessenger },
  connectionId: string,
  body: string | undefined,
): Promise<SendOutcome> {
  return deps.messenger.send(connectionId, errorFrame('BAD_FRAME', badFrameReason(body)));
}
