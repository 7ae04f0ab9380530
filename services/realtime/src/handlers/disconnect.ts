import type { Logger } from '@chat/runtime';
import { webSocketHandler, type WebSocketLambdaHandler } from '@chat/aws';
import { connectionDirectory, connectionStore } from '../adapters/environment';
import { closeConnection } from '../use-cases/connections';
import type { ConnectionDirectory, ConnectionStore } from '../use-cases/ports';

export function disconnectHandler(deps: {
  connections: () => ConnectionStore;
  directory: () => ConnectionDirectory;
  logger?: Logger;
}): WebSocketLambdaHandler {
  return webSocketHandler(
    'disconnect',
    async ({ event, connectionId, logger }) => {
      const removed = await closeConnection(
        { connections: deps.connections(), directory: deps.directory() },
        connectionId,
      );
      const { disconnectStatusCode } = event.requestContext as { disconnectStatusCode?: number };
      logger.info('disconnected', { userId: removed?.userId, disconnectStatusCode });
    },
    deps.logger,
  );
}

/** `$disconnect`: deletes the connection record and its directory entry (presence follows from the stream). */
export const handler = disconnectHandler({ connections: connectionStore, directory: connectionDirectory });
