import { webSocketHandler } from './websocket-handler';

/** `$disconnect`: logged for now; removing the connection record comes with the realtime issue. */
export const handler = webSocketHandler('disconnect', async ({ logger }) => {
  logger.info('disconnected');
});
