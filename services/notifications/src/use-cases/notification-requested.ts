import {
  buildEvent,
  deterministicEventId,
  notificationRequestedContract,
  notificationRequestedV1Contract,
  type EventEnvelope,
} from '@chat/events';
import type { InboxEntry } from './ports';

export const NOTIFICATION_EVENTS_PRODUCER = 'notifications.publish-notification-events';

/**
 * The NotificationRequested events of a new inbox item: version 2 always, and version 1 beside it while v1 is
 * still published (libs/events, supersededContracts) for the kinds v1 knows (`mention`, `dm`; a `reply` has no
 * v1 form). Each eventId derives from the notification and the version, so every replay of the inbox stream
 * record publishes the same ids (consumers drop the copies); both carry the correlation of the MessageSent
 * that caused the notification.
 */
export function notificationRequestsOf(entry: InboxEntry, now?: Date): EventEnvelope[] {
  const data = { ...entry.notification, userId: entry.userId };
  const options = (eventIdSeed: string) => ({
    producer: NOTIFICATION_EVENTS_PRODUCER,
    eventId: deterministicEventId(eventIdSeed),
    causedBy: { metadata: entry.cause },
    ...(now ? { now } : {}),
  });
  const { notificationId } = entry.notification;
  const v2 = buildEvent(
    notificationRequestedContract,
    data,
    options(`NotificationRequested.v2#${notificationId}`),
  );
  if (data.kind === 'reply') return [v2];
  // Version 1 keeps the seed it always had, so a replay of an item written before v2 keeps its eventId.
  const v1 = buildEvent(
    notificationRequestedV1Contract,
    { ...data, kind: data.kind },
    options(`NotificationRequested#${notificationId}`),
  );
  return [v1, v2];
}
