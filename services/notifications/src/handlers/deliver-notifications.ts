import type { DynamoDBStreamHandler } from 'aws-lambda';
import { createLogger } from '@chat/runtime';
import { idempotencyGuard, preferences, provisionDependencies, rooms } from '../adapters/environment';
import { inboxEntryOf } from '../adapters/inbox-item';
import { handleInOrder } from '../adapters/stream-batch';
import { deliverNotification } from '../use-cases/deliver-notification';

const logger = createLogger({ service: 'chat-notifications', function: 'deliverNotifications' });
const guard = idempotencyGuard('notifications.deliver-notifications');

/**
 * The inbox table's stream (INSERT only) → one SNS publish per new inbox item, guarded on its notificationId:
 * a replayed record does not publish again; a failed publish releases the guard and the record is retried.
 */
export const handler: DynamoDBStreamHandler = (event) =>
  handleInOrder(
    event.Records,
    async (record, newImage) => {
      if (record.eventName !== 'INSERT' || !newImage) return;
      const { userId, notification, cause } = inboxEntryOf(newImage);
      const log = logger.child({
        correlationId: cause.correlationId,
        userId,
        notificationId: notification.notificationId,
      });
      const deps = { ...provisionDependencies(), preferences: preferences(), rooms: rooms(), logger: log };
      const run = await guard().once(notification.notificationId, () =>
        deliverNotification(deps, userId, notification),
      );
      log.info(run.executed ? 'notification delivered' : 'delivery already done, skipped', {
        ...(run.executed ? { outcome: run.result } : {}),
      });
    },
    logger,
  );
