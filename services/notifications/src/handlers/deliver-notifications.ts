import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { processInOrder } from '@chat/aws';
import { COMMON_ENV, createLogger, METRIC, metrics, observedInvocation, optionalEnv } from '@chat/runtime';
import { idempotencyGuard, preferences, provisionDependencies, rooms } from '../adapters/environment';
import { inboxEntryOf } from '../adapters/inbox-item';
import { deliverNotification } from '../use-cases/deliver-notification';

const logger = createLogger({
  service: optionalEnv(COMMON_ENV.serviceName),
  function: 'deliverNotifications',
});
const guard = idempotencyGuard('notifications.deliver-notifications');

/**
 * The inbox table's stream (INSERT only) → one SNS publish per new inbox item, guarded on its notificationId:
 * a replayed record does not publish again; a failed publish releases the guard and the record is retried.
 */
export const handler = observedInvocation(
  (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> =>
    processInOrder(
      event.Records,
      async (record, newImage) => {
        if (record.eventName !== 'INSERT' || !newImage) return;
        const { userId, notification, cause, channels } = inboxEntryOf(newImage);
        const log = logger.child({
          correlationId: cause.correlationId,
          userId,
          notificationId: notification.notificationId,
        });
        const deps = { ...provisionDependencies(), preferences: preferences(), rooms: rooms(), logger: log };
        const run = await guard().once(notification.notificationId, () =>
          deliverNotification(deps, userId, notification, channels),
        );
        if (run.executed && run.result.published) metrics.count(METRIC.notificationsSent);
        log.info(run.executed ? 'notification delivered' : 'delivery already done, skipped', {
          ...(run.executed ? { outcome: run.result } : {}),
        });
      },
      logger,
    ),
);
