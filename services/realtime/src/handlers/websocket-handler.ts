import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger, optionalEnv, type Logger } from '@chat/runtime';
import { isOversized, MAX_CLIENT_FRAME_BYTES } from '../domain/client-frames';
import { errorFrame } from '../use-cases/frames';
import type { ConnectionMessenger } from '../use-cases/ports';

export interface WebSocketRequest {
  event: APIGatewayProxyWebsocketEventV2;
  connectionId: string;
  logger: Logger;
}

export type WebSocketLambdaHandler = (
  event: APIGatewayProxyWebsocketEventV2,
) => Promise<APIGatewayProxyResultV2>;

/** What a route answers API Gateway: nothing (200), or a status (a `$connect` refusal) with a body. */
export type WebSocketRouteResult = void | { statusCode: number; body?: string };

/**
 * Plumbing for WebSocket route handlers: a per-request logger with the connection and request ids, and one
 * place where an unexpected failure is logged with its cause and answered 500 (nothing reaches the client).
 */
export function webSocketHandler(
  name: string,
  handle: (request: WebSocketRequest) => Promise<WebSocketRouteResult>,
  logger?: Logger,
): WebSocketLambdaHandler {
  const baseLogger = logger ?? createLogger({ service: optionalEnv('SERVICE_NAME'), function: name });
  return async (event) => {
    const { connectionId, requestId, routeKey } = event.requestContext;
    const logger = baseLogger.child({ connectionId, correlationId: requestId, route: routeKey });
    try {
      const result = await handle({ event, connectionId, logger });
      return result
        ? { statusCode: result.statusCode, ...(result.body ? { body: result.body } : {}) }
        : { statusCode: 200 };
    } catch (error) {
      logger.error('websocket route failed', { error });
      return { statusCode: 500 };
    }
  };
}

/**
 * A route that handles client frames: a frame over 32 KB is answered with a PAYLOAD_TOO_LARGE error frame
 * (the connection stays open) before the route sees it.
 */
export function frameRouteHandler(
  name: string,
  deps: { messenger: () => ConnectionMessenger; logger?: Logger },
  handle: (request: WebSocketRequest) => Promise<void>,
): WebSocketLambdaHandler {
  return webSocketHandler(
    name,
    async (request) => {
      if (isOversized(request.event.body)) {
        const outcome = await deps
          .messenger()
          .send(
            request.connectionId,
            errorFrame('PAYLOAD_TOO_LARGE', `Frames may be at most ${MAX_CLIENT_FRAME_BYTES} bytes`),
          );
        request.logger.info('oversized frame refused', {
          bytes: Buffer.byteLength(request.event.body ?? '', 'utf8'),
          outcome,
        });
        return;
      }
      await handle(request);
    },
    deps.logger,
  );
}
