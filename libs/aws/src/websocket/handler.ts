import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import {
  COMMON_ENV,
  createLogger,
  errorFrame,
  isDependencyOutage,
  observedInvocation,
  optionalEnv,
  UNAVAILABLE_MESSAGE,
  type Logger,
} from '@chat/runtime';
import type { SendOutcome } from './connections';

/** API Gateway's frame size (32 KB): a larger client frame is refused with PAYLOAD_TOO_LARGE. */
export const MAX_CLIENT_FRAME_BYTES = 32 * 1024;

export function isOversized(body: string | undefined): boolean {
  return body !== undefined && Buffer.byteLength(body, 'utf8') > MAX_CLIENT_FRAME_BYTES;
}

export interface WebSocketRequest {
  event: APIGatewayProxyWebsocketEventV2;
  connectionId: string;
  logger: Logger;
}

export type WebSocketLambdaHandler = (
  event: APIGatewayProxyWebsocketEventV2,
  context?: Context,
) => Promise<APIGatewayProxyResultV2>;

/** What a route answers API Gateway: nothing (200), or a status (a `$connect` refusal) with a body. */
export type WebSocketRouteResult = void | { statusCode: number; body?: string };

/** Where a frame route answers the calling connection (`apiGatewayConnections(...)` or a test double). */
export interface FrameReplies {
  send(connectionId: string, frame: object): Promise<SendOutcome>;
}

/**
 * The one way to write a WebSocket route handler: a per-request logger with the connection id, the request id
 * as correlation id and the route, and one place where an unexpected failure is logged with its cause and
 * answered 500 (nothing of it reaches the client).
 */
export function webSocketHandler(
  name: string,
  handle: (request: WebSocketRequest) => Promise<WebSocketRouteResult>,
  logger?: Logger,
): WebSocketLambdaHandler {
  const baseLogger = logger ?? createLogger({ service: optionalEnv(COMMON_ENV.serviceName), function: name });
  return observedInvocation(async (event, _context?: Context) => {
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
  });
}

/**
 * A route that handles client frames (`webSocketHandler` plus): a frame over 32 KB is answered with a
 * PAYLOAD_TOO_LARGE error frame on the connection (which stays open) before the route sees it, and a
 * dependency outage with an UNAVAILABLE error frame (the client may send the frame again later).
 */
export function frameRouteHandler(
  name: string,
  deps: { messenger: () => FrameReplies; logger?: Logger },
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
      try {
        await handle(request);
      } catch (error) {
        if (!isDependencyOutage(error)) throw error;
        request.logger.warn('dependency unavailable', { error });
        await deps.messenger().send(request.connectionId, errorFrame('UNAVAILABLE', UNAVAILABLE_MESSAGE));
      }
    },
    deps.logger,
  );
}
