import { outboxHandler } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { inboxEntryOf } from '../adapters/inbox-item';
import { notificationRequestedOf } from '../use-cases/notification-requested';

/**
 * The inbox table's stream (INSERT only) → NotificationRequested on the bus: the outbox, so an event is
 * published for every inbox item written and for nothing else; replays keep the eventId.
 */
export const handler = outboxHandler('publishNotificationEvents', eventPublisher, (record, newImage) =>
  record.eventName === 'INSERT' && newImage ? [notificationRequestedOf(inboxEntryOf(newImage))] : [],
);
