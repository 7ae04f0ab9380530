import { contractReader, eventConsumer, notificationRequestedContract } from '@chat/events';
import { systemClock } from '@chat/runtime';
import {
  connectionDirectory,
  connectionStore,
  deliveryRetry,
  fanOutConcurrency,
  idempotencyGuard,
  messenger,
} from '../adapters/environment';
import { notifyUser } from '../use-cases/notify-user';

/** NotificationRequested → `{"type":"notification","notification"}` to the notified user's connections. */
export const handler = eventConsumer(
  { name: 'notifyUser', guard: idempotencyGuard('realtime.notify-user') },
  contractReader(notificationRequestedContract, ({ data }) => ({
    userId: data.userId,
    notificationId: data.notificationId,
  })),
  ({ data, metadata }, logger) =>
    notifyUser(
      {
        connections: connectionStore(),
        directory: connectionDirectory(),
        clock: systemClock,
        messenger: messenger(),
        concurrency: fanOutConcurrency(),
        retry: deliveryRetry,
        logger,
      },
      data,
      metadata.eventId,
    ),
);
