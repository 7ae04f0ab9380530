import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger, optionalEnv, type Logger } from '@chat/runtime';

export interface WebSocketRequest {
  event: APIGatewayProxyWebsocketEventV2;
  connectionId: string;
  logger: Logger;
}

export type WebSocketLambdaHandler = (
  event: APIGatewayProxyWebsocketEventV2,
) => Promise<APIGatewayProxyResultV2>;

/**
 * Plumbing for WebSocket route handlers: a per-request logger with the connection and request ids, and one
 * place where an unexpected failure is logged with its cause and answered 500 (nothing reaches the client).
 */
export function webSocketHandler(
  name: string,
  handle: (request: WebSocketRequest) => Promise<void>,
  logger?: Logger,
): WebSocketLambdaHandler {
  const baseLogger = logger ?? createLogger({ service: optionalEnv('SERVICE_NAME'), function: name });
  return async (event) => {
    const { connectionId, requestId, routeKey } = event.requestContext;
    const logger = baseLogger.child({ connectionId, correlationId: requestId, route: routeKey });
    try {
      await handle({ event, connectionId, logger });
      return { statusCode: 200 };
    } catch (error) {
      logger.error('websocket route failed', { error });
      return { statusCode: 500 };
    }
  };
}
