import type {
  Message,
  MessageDeleted,
  Notification,
  NotificationRequested,
  PresenceChanged,
  ReactionChanged,
  ReadMarkerMoved,
  UserJoined,
  UserLeft,
} from '@chat/events';

/**
 * The frames the server pushes to clients (API.md "WebSocket"). Each carries the `eventId` of the domain event
 * it comes from: a client that gets the same event twice (at-least-once delivery) drops the copy.
 */
export type EventFrame =
  | { type: 'message.sent'; roomId: string; version?: number; message: Message; eventId: string }
  | { type: 'message.edited'; roomId: string; version?: number; message: Message; eventId: string }
  | { type: 'message.deleted'; roomId: string; messageId: string; version?: number; eventId: string }
  | {
      type: 'reaction.changed';
      roomId: string;
      messageId: string;
      version: number;
      reactions: ReactionChanged['reactions'];
      eventId: string;
    }
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
  | { type: 'typing'; roomId: string; userId: string; eventId: string }
  | {
      type: 'read.updated';
      roomId: string;
      userId: string;
      messageId: string;
      seq: number | null;
      readAt: string;
      eventId: string;
    };

/**
 * A message-change frame's room `version` (API.md "Order, versions and catch-up"): the room version the change
 * took, at the top level beside `roomId`, so a client that holds v and receives v+2 asks `changes?since=v`.
 * Absent only for a message stored before room versions existed.
 */
const versionOf = (version: number | undefined): { version?: number } =>
  version === undefined ? {} : { version };

/** MessageSent's data is the Message, plus `threadAuthorId` for a reply (routing data the frame leaves out). */
export const messageSentFrame = (
  { threadAuthorId: _routing, ...message }: Message & { threadAuthorId?: string },
  eventId: string,
): EventFrame => ({
  type: 'message.sent',
  roomId: message.roomId,
  ...versionOf(message.version),
  message,
  eventId,
});

export const messageEditedFrame = (message: Message, eventId: string): EventFrame => ({
  type: 'message.edited',
  roomId: message.roomId,
  ...versionOf(message.version),
  message,
  eventId,
});

export const messageDeletedFrame = (
  { roomId, messageId, version }: MessageDeleted,
  eventId: string,
): EventFrame => ({
  type: 'message.deleted',
  roomId,
  messageId,
  ...versionOf(version),
  eventId,
});

/** A message's reactions changed: the whole list after the change, and the room version it took. */
export const reactionChangedFrame = (
  { roomId, messageId, version, reactions }: ReactionChanged,
  eventId: string,
): EventFrame => ({ type: 'reaction.changed', roomId, messageId, version, reactions, eventId });

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

/** A member's read marker moved (a read receipt, and the reader's other devices catching up). */
export const readUpdatedFrame = (
  { roomId, userId, messageId, seq, readAt }: ReadMarkerMoved,
  eventId: string,
): EventFrame => ({ type: 'read.updated', roomId, userId, messageId, seq, readAt, eventId });
