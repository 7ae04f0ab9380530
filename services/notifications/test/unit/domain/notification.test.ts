import { isDirectMessageRoom, notificationIdOf, notificationOf } from '../../../src/domain/notification';
import { aMessage, bob, carol, DM_ROOM } from '../../support/builders';

describe('notifications of a message', () => {
  it('have one id per (user, message), the same every time', () => {
    expect(notificationIdOf(bob, 'm1')).toBe(notificationIdOf(bob, 'm1'));
    expect(notificationIdOf(bob, 'm1')).not.toBe(notificationIdOf(carol, 'm1'));
    expect(notificationIdOf(bob, 'm1')).not.toBe(notificationIdOf(bob, 'm2'));
  });

  it('carry the message ids, sender, time and preview', () => {
    const message = aMessage({ text: 'Hi   @bob' });

    expect(notificationOf(bob, 'mention', message)).toEqual({
      notificationId: notificationIdOf(bob, message.messageId),
      kind: 'mention',
      roomId: message.roomId,
      messageId: message.messageId,
      fromUserId: message.senderId,
      preview: 'Hi @bob',
      createdAt: message.createdAt,
    });
  });

  it('recognise DM rooms by their id prefix', () => {
    expect(isDirectMessageRoom(DM_ROOM)).toBe(true);
    expect(isDirectMessageRoom('01JHF3K8Z6W2Q9R4T7Y1A5V3XB')).toBe(false);
  });
});
