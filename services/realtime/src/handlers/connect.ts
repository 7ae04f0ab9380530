import { webSocketHandler } from './websocket-handler';

/** `$connect`: accepted for now; the token check and the connection record come with the realtime issue. */
export const handler = webSocketHandler('connect', async ({ logger }) => {
  logger.info('connected');
});
