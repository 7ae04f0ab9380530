import type {
  Message,
  MessageDeleted,
  Notification,
  NotificationRequested,
  PresenceChanged,
  UserJoined,
  UserLeft,
} from '@chat/events';

/**
 * The frames the server pushes to clients (API.md "WebSocket"). Each carries the `eventId` of the domain event
 * it comes from: a client that gets the same event twice (at-least-once delivery) drops the copy.
 */
export type EventFrame =
  | { type: 'message.sent'; message: Message; eventId: string }
  | { type: 'message.edited'; message: Message; eventId: string }
  | { type: 'message.deleted'; roomId: string; messageId: string; eventId: string }
  | { type: 'member.joined'; roomId: string; userId: string; role: UserJoined['role']; eventId: string }
  | { type: 'member.left'; roomId: string; userId: string; eventId: string }
  | {
      type: 'presence.changed';
      userId: string;
      status: PresenceChanged['status'];
      lastSeenAt: string;
      eventId: string;
    }
  | { type: 'notification'; notification: Notification; eventId: string }
  | { type: 'typing'; roomId: string; userId: string; eventId: string };

export const messageSentFrame = (message: Message, eventId: string): EventFrame => ({
  type: 'message.sent',
  message,
  eventId,
});

export const messageEditedFrame = (message: Message, eventId: string): EventFrame => ({
  type: 'message.edited',
  message,
  eventId,
});

export const messageDeletedFrame = ({ roomId, messageId }: MessageDeleted, eventId: string): EventFrame => ({
  type: 'message.deleted',
  roomId,
  messageId,
  eventId,
});

export const memberJoinedFrame = ({ roomId, userId, role }: UserJoined, eventId: string): EventFrame => ({
  type: 'member.joined',
  roomId,
  userId,
  role,
  eventId,
});

export const memberLeftFrame = ({ roomId, userId }: UserLeft, eventId: string): EventFrame => ({
  type: 'member.left',
  roomId,
  userId,
  eventId,
});

export const presenceChangedFrame = (
  { userId, status, lastSeenAt }: PresenceChanged,
  eventId: string,
): EventFrame => ({ type: 'presence.changed', userId, status, lastSeenAt, eventId });

/** The notification without the routing field `userId` (the recipient knows who they are). */
export function notificationFrame(requested: NotificationRequested, eventId: string): EventFrame {
  const { userId: _recipient, ...notification } = requested;
  return { type: 'notification', notification, eventId };
}

export const typingFrame = (roomId: string, userId: string, eventId: string): EventFrame => ({
  type: 'typing',
  roomId,
  userId,
  eventId,
});
