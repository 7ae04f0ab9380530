import {
  buildEvent,
  deterministicEventId,
  notificationRequestedContract,
  type EnvelopeOf,
} from '@chat/events';
import type { InboxEntry } from './ports';

export const NOTIFICATION_EVENTS_PRODUCER = 'notifications.publish-notification-events';

/**
 * The NotificationRequested event of a new inbox item. Its eventId derives from the notification, so every
 * replay of the inbox stream record publishes the same id (consumers drop the copies); it carries the
 * correlation of the MessageSent that caused it.
 */
export function notificationRequestedOf(
  entry: InboxEntry,
  now?: Date,
): EnvelopeOf<typeof notificationRequestedContract> {
  return buildEvent(
    notificationRequestedContract,
    { ...entry.notification, userId: entry.userId },
    {
      producer: NOTIFICATION_EVENTS_PRODUCER,
      eventId: deterministicEventId(`NotificationRequested#${entry.notification.notificationId}`),
      causedBy: { metadata: entry.cause },
      ...(now ? { now } : {}),
    },
  );
}
