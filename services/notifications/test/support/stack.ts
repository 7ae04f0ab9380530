import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createEventPublisher, type EventEnvelope } from '@chat/events';
import type { SnsDelivery } from '@chat/local';
import {
  busEvents,
  expectStatus,
  handledBy,
  onStack,
  snsDeliveries,
  type BusEvent,
  type SignedInUser,
} from '@chat/testing';

/** notifications' own helpers for its integration tests (the shared ones are in @chat/testing). */

const STAGE = 'local';

/** The e-mails SNS delivered to `address` whose text contains `marker`. */
export async function emailsTo(address: string, marker: string): Promise<SnsDelivery[]> {
  return (await snsDeliveries({ endpoint: address, protocol: 'email' })).filter((d) =>
    d.message.includes(marker),
  );
}

/** The MessageSent of a message, once notifications' notifyMentions has handled it. */
export const messageSentHandled = (messageId: string) =>
  handledBy('notifications.notifyMentions', 'MessageSent', (data) => data.messageId === messageId);

/** Waits until notifications has taken in the user's UserRegistered (it knows their username and e-mail). */
export const knownToNotifications = (userId: string) =>
  handledBy('notifications.rememberUser', 'UserRegistered', (data) => data.userId === userId);

/** Waits until notifications has taken in the RoomCreated of a room (it knows the room's name). */
export const roomKnownToNotifications = (roomId: string) =>
  handledBy('notifications.rememberRoom', 'RoomCreated', (data) => data.roomId === roomId);

/**
 * The NotificationRequested events of one version (default 2, the current one; mentions and DMs are also
 * published as v1) published for (user, message).
 */
export async function notificationRequests(
  userId: string,
  messageId: string,
  version = 2,
): Promise<BusEvent[]> {
  return (await busEvents('NotificationRequested')).filter((entry) => {
    const data = entry.event.detail.data;
    return (
      entry.event.detail.metadata.version === version &&
      data.userId === userId &&
      data.messageId === messageId
    );
  });
}

/** Waits until chat-realtime has handled the NotificationRequested (v2, what it subscribes to) of a message. */
export const notificationPushedBy = (messageId: string) =>
  handledBy('realtime.notifyUser', 'NotificationRequested', (data) => data.messageId === messageId, {
    version: 2,
  });

let publisher: ReturnType<typeof createEventPublisher> | undefined;

/** Puts events on the stage bus with the real EventBridge client, as a producer service would. */
export async function putOnBus(...events: EventEnvelope[]): Promise<void> {
  publisher ??= createEventPublisher({
    client: new EventBridgeClient(onStack('eventBridge')),
    eventBusName: `chat-${STAGE}`,
  });
  const { failed } = await publisher.publish(events);
  if (failed.length > 0)
    throw new Error(`PutEvents failed: ${JSON.stringify(failed.map((f) => f.errorCode))}`);
}

export interface Notification {
  notificationId: string;
  kind: 'mention' | 'dm' | 'reply';
  roomId: string;
  messageId: string;
  fromUserId: string;
  preview: string;
  createdAt: string;
}

export async function inboxOf(
  user: SignedInUser,
  query = '',
): Promise<{ items: Notification[]; nextCursor: string | null }> {
  return expectStatus(200, 'GET', `/notifications${query}`, { user });
}
