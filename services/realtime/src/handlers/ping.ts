import type { Logger } from '@chat/runtime';
import { connectionsFromEnvironment } from '../adapters/api-gateway-connections';
import { answerPing } from '../use-cases/answer-ping';
import type { ConnectionMessenger } from '../use-cases/ports';
import { webSocketHandler, type WebSocketLambdaHandler } from './websocket-handler';

export function pingHandler(deps: {
  connections: () => ConnectionMessenger;
  logger?: Logger;
}): WebSocketLambdaHandler {
  return webSocketHandler(
    'ping',
    async ({ connectionId, logger }) => {
      const outcome = await answerPing({ connections: deps.connections() }, connectionId);
      if (outcome === 'gone') logger.info('connection gone before pong');
    },
    deps.logger,
  );
}

/** Route `ping`: answers `{"type":"pong"}`. */
export const handler = pingHandler({ connections: connectionsFromEnvironment });
