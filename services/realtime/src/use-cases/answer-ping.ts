import type { ConnectionMessenger, SendOutcome } from './ports';

/** `{"action":"ping"}` → `{"type":"pong"}` to the same connection. */
export function answerPing(
  deps: { connections: ConnectionMessenger },
  connectionId: string,
): Promise<SendOutcome> {
  return deps.connections.send(connectionId, { type: 'pong' });
}
