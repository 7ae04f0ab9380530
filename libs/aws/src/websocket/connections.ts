import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

/** Outcome of a post or a close: `gone` when the connection no longer exists (API Gateway answers 410). */
export type SendOutcome = 'sent' | 'gone';

/** API Gateway's `@connections` API: frames to open WebSocket connections, and closing them. */
export interface WebSocketConnections {
  /** Posts `frame` as JSON to the connection (PostToConnection). */
  send(connectionId: string, frame: object): Promise<SendOutcome>;
  /** Closes the connection from the server side (DeleteConnection); `gone` when it was already closed. */
  close(connectionId: string): Promise<SendOutcome>;
}

const isGone = (error: unknown) =>
  error instanceof GoneException || (error instanceof Error && error.name === 'GoneException');

async function unlessGone(call: () => Promise<unknown>): Promise<SendOutcome> {
  try {
    await call();
    return 'sent';
  } catch (error) {
    if (isGone(error)) return 'gone';
    throw error;
  }
}

/**
 * The one `@connections` poster: a 410 (the connection is gone) is an outcome, not an error; anything else is
 * rethrown. Retries are the client's (a fan-out turns them off and retries with its own bounded policy).
 */
export function apiGatewayConnections(client: ApiGatewayManagementApiClient): WebSocketConnections {
  return {
    send: (connectionId, frame) =>
      unlessGone(() =>
        client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(frame) })),
      ),
    close: (connectionId) =>
      unlessGone(() => client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }))),
  };
}
