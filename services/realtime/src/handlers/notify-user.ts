import { notificationRequestedContract, parseEvent } from '@chat/events';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  fanOutConcurrency,
  idempotencyGuard,
  messenger,
  systemClock,
} from '../adapters/environment';
import { notifyUser } from '../use-cases/notify-user';
import { eventConsumer } from './event-consumer';

/** NotificationRequested → `{"type":"notification","notification"}` to the notified user's connections. */
export const handler = eventConsumer(
  { name: 'notifyUser', guard: idempotencyGuard('realtime.notify-user') },
  (event, logger) => {
    const { metadata, data } = parseEvent(notificationRequestedContract, event, { logger });
    return {
      eventId: metadata.eventId,
      correlationId: metadata.correlationId,
      input: data,
      context: { userId: data.userId, notificationId: data.notificationId },
    };
  },
  async (requested, logger, { eventId }) => ({
    ...(await notifyUser(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        concurrency: fanOutConcurrency(),
        retry: deliveryRetry,
        logger,
      },
      requested,
      eventId,
    )),
  }),
);
