import type { DynamoDBStreamHandler } from 'aws-lambda';
import { publishFromStream } from '@chat/events';
import { createLogger } from '@chat/runtime';
import { eventPublisher } from '../adapters/environment';
import { inboxEntryOf } from '../adapters/inbox-item';
import { notificationRequestedOf } from '../use-cases/notification-requested';

const logger = createLogger({ service: 'chat-notifications', function: 'publishNotificationEvents' });

/**
 * The inbox table's stream (INSERT only) → NotificationRequested on the bus: the outbox, so an event is
 * published for every inbox item written and for nothing else; replays keep the eventId.
 */
export const handler: DynamoDBStreamHandler = (event) =>
  publishFromStream({
    publisher: eventPublisher(),
    records: event.Records,
    logger,
    toEvents: (record, newImage) =>
      record.eventName === 'INSERT' && newImage ? [notificationRequestedOf(inboxEntryOf(newImage))] : [],
  });
