import { createHash } from 'node:crypto';
import type { Message, Notification } from '@chat/events';
import { previewOf } from './preview';

export type { Notification };
export type NotificationKind = Notification['kind'];

/** Direct-message rooms have ids with this prefix (the rooms service makes them so). */
export const DM_ROOM_ID_PREFIX = 'dm_';

export function isDirectMessageRoom(roomId: string): boolean {
  return roomId.startsWith(DM_ROOM_ID_PREFIX);
}

/**
 * The one notification id of (user, message): derived from both, so a retried or redelivered message
 * always produces the same id (and the same inbox key).
 */
export function notificationIdOf(userId: string, messageId: string): string {
  const digest = createHash('sha256').update(`${userId}\n${messageId}`, 'utf8').digest('hex');
  return `ntf_${digest.slice(0, 32)}`;
}

/** The notification of `message` for `userId`; its time is the message's, so the inbox sorts by message time. */
export function notificationOf(userId: string, kind: NotificationKind, message: Message): Notification {
  return {
    notificationId: notificationIdOf(userId, message.messageId),
    kind,
    roomId: message.roomId,
    messageId: message.messageId,
    fromUserId: message.senderId,
    preview: previewOf(message),
    createdAt: message.createdAt,
  };
}
