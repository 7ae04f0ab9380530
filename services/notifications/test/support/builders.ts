import type { MessageSent } from '@chat/events';
import type { Notification } from '../../src/domain/notification';

export const alice = 'user-alice';
export const bob = 'user-bob';
export const carol = 'user-carol';
export const dave = 'user-dave';

export const ROOM = 'room-general';
export const DM_ROOM = 'dm_0123456789abcdef0123456789abcdef';

export function aMessage(overrides: Partial<MessageSent> = {}): MessageSent {
  return {
    roomId: ROOM,
    messageId: '01JHF3M2B4C6D8E0F2G4H6J8KM',
    senderId: alice,
    text: 'Hello @bob, the build is green',
    mentions: [bob],
    attachments: [],
    createdAt: '2025-01-15T10:10:00.000Z',
    ...overrides,
  };
}

export function aNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    notificationId: 'ntf_1',
    kind: 'mention',
    roomId: ROOM,
    messageId: '01JHF3M2B4C6D8E0F2G4H6J8KM',
    fromUserId: alice,
    preview: 'Hello @bob, the build is green',
    createdAt: '2025-01-15T10:10:00.000Z',
    ...overrides,
  };
}

export const cause = { eventId: 'evt-1', correlationId: 'corr-1' };
