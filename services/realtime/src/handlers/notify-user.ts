import { contractReader, eventConsumer, notificationRequestedContract } from '@chat/events';
import { deliveryDependencies, idempotencyGuard } from '../adapters/environment';
import { notifyUser } from '../use-cases/notify-user';

/** NotificationRequested → `{"type":"notification","notification"}` to the notified user's connections. */
export const handler = eventConsumer(
  { name: 'notifyUser', guard: idempotencyGuard('realtime.notify-user', { repeatable: true }) },
  contractReader(notificationRequestedContract, ({ data }) => ({
    userId: data.userId,
    notificationId: data.notificationId,
  })),
  ({ data, metadata }, logger) => notifyUser(deliveryDependencies(logger), data, metadata.eventId),
);
