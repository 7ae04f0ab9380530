/** A frame the server sends to a WebSocket client (API.md "WebSocket"). */
export type ServerFrame = { type: string } & Record<string, unknown>;

/** Outcome of a send: `gone` when the connection no longer exists (API Gateway answers 410). */
export type SendOutcome = 'sent' | 'gone';

/** Sends frames to open WebSocket connections (API Gateway's `@connections` API). */
export interface ConnectionMessenger {
  send(connectionId: string, frame: ServerFrame): Promise<SendOutcome>;
}
