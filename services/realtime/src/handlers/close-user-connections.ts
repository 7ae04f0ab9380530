import { parseEvent, userLoggedOutContract } from '@chat/events';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  idempotencyGuard,
  messenger,
  systemClock,
} from '../adapters/environment';
import { closeUserConnections } from '../use-cases/close-user-connections';
import { eventConsumer } from './event-consumer';

/** UserLoggedOut → closes the user's WebSocket connections opened before the logout. */
export const handler = eventConsumer(
  { name: 'closeUserConnections', guard: idempotencyGuard('realtime.close-user-connections') },
  (event, logger) => {
    const { metadata, data } = parseEvent(userLoggedOutContract, event, { logger });
    return {
      eventId: metadata.eventId,
      correlationId: metadata.correlationId,
      input: data,
      context: { userId: data.userId },
    };
  },
  async (loggedOut, logger) => ({
    ...(await closeUserConnections(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        retry: deliveryRetry,
        logger,
      },
      loggedOut,
    )),
  }),
);
