import { validateEvent } from '@chat/events';
import { notificationRequestedOf } from '../../../src/use-cases/notification-requested';
import { aNotification, bob, cause } from '../../support/builders';

describe('notificationRequestedOf', () => {
  it('is a valid NotificationRequested: the notification plus the user, caused by the MessageSent', () => {
    const event = notificationRequestedOf({ userId: bob, notification: aNotification(), cause });

    expect(() => validateEvent(event)).not.toThrow();
    expect(event.data).toEqual({ ...aNotification(), userId: bob });
    expect(event.metadata).toMatchObject({
      eventType: 'NotificationRequested',
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      producer: 'notifications.publish-notification-events',
    });
  });

  it('has the same eventId every time the same inbox item is replayed', () => {
    const entry = { userId: bob, notification: aNotification(), cause };

    expect(notificationRequestedOf(entry).metadata.eventId).toBe(
      notificationRequestedOf(entry).metadata.eventId,
    );
    expect(
      notificationRequestedOf({ ...entry, notification: aNotification({ notificationId: 'ntf_2' }) }).metadata
        .eventId,
    ).not.toBe(notificationRequestedOf(entry).metadata.eventId);
  });
});
