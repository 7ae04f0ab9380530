import { snsMessageOf, userTopicName } from '../../../src/adapters/sns-user-topics';
import { deliveryContentOf } from '../../../src/domain/delivery-content';
import { aNotification } from '../../support/builders';

describe('the SNS user topics', () => {
  it('are named after the user, or a hash of an id that cannot be part of a topic name', () => {
    expect(userTopicName('chat-notifications-dev-user-', '3f1c2a7e-8b4d-4e2a-9c1f-5d6e7a8b9c0d')).toBe(
      'chat-notifications-dev-user-3f1c2a7e-8b4d-4e2a-9c1f-5d6e7a8b9c0d',
    );
    expect(userTopicName('p-', 'user@example.com')).toMatch(/^p-[0-9a-f]{40}$/);
  });

  it('carry the e-mail text for e-mail and APNs / FCM payloads for push', () => {
    const notification = aNotification();
    const content = deliveryContentOf(notification, { senderUsername: 'alice' });

    const message = JSON.parse(snsMessageOf(content, notification)) as Record<string, string>;

    expect(message.default).toBe(content.emailText);
    expect(message.email).toBe(content.emailText);
    expect(JSON.parse(message.APNS ?? '')).toMatchObject({
      aps: { alert: { title: content.pushTitle, body: notification.preview } },
      notificationId: notification.notificationId,
      roomId: notification.roomId,
    });
    expect(JSON.parse(message.GCM ?? '')).toEqual({
      notification: { title: content.pushTitle, body: notification.preview },
      data: {
        notificationId: notification.notificationId,
        kind: 'mention',
        roomId: notification.roomId,
        messageId: notification.messageId,
      },
    });
  });
});
