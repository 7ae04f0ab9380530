import { webSocketHandler } from '@chat/aws';
import { connectionDirectory, connectionStore } from '../adapters/environment';
import { closeConnection } from '../use-cases/connections';

/** `$disconnect`: deletes the connection record and its directory entry (presence follows from the stream). */
export const handler = webSocketHandler('disconnect', async ({ event, connectionId, logger }) => {
  const removed = await closeConnection(
    { connections: connectionStore(), directory: connectionDirectory() },
    connectionId,
  );
  const { disconnectStatusCode } = event.requestContext as { disconnectStatusCode?: number };
  logger.info('disconnected', { userId: removed?.userId, disconnectStatusCode });
});
