import type { Logger } from '@chat/runtime';
import { connectionsFromEnvironment } from '../adapters/api-gateway-connections';
import { rejectFrame } from '../use-cases/reject-frame';
import type { ConnectionMessenger } from '../use-cases/ports';
import { webSocketHandler, type WebSocketLambdaHandler } from './websocket-handler';

export function defaultRouteHandler(deps: {
  connections: () => ConnectionMessenger;
  logger?: Logger;
}): WebSocketLambdaHandler {
  return webSocketHandler(
    'defaultRoute',
    async ({ event, connectionId, logger }) => {
      const outcome = await rejectFrame({ connections: deps.connections() }, connectionId, event.body);
      logger.info('bad frame rejected', { outcome });
    },
    deps.logger,
  );
}

/** `$default`: every frame no route matched (malformed JSON, missing or unknown action) → BAD_FRAME. */
export const handler = defaultRouteHandler({ connections: connectionsFromEnvironment });
