import { outboxHandler } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { inboxEntryOf } from '../adapters/inbox-item';
import { notificationRequestsOf } from '../use-cases/notification-requested';

/**
 * The inbox table's stream (INSERT only) → NotificationRequested on the bus (v2, and v1 for the kinds it knows):
 * the outbox, so the events are published for every inbox item written and for nothing else; replays keep the
 * eventIds.
 */
export const handler = outboxHandler('publishNotificationEvents', eventPublisher, (record, newImage) =>
  record.eventName === 'INSERT' && newImage ? notificationRequestsOf(inboxEntryOf(newImage)) : [],
);
