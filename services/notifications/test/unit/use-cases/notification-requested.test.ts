import { validateEvent } from '@chat/events';
import { notificationRequestsOf } from '../../../src/use-cases/notification-requested';
import { aNotification, alice, bob, cause } from '../../support/builders';

const versionsOf = (events: ReturnType<typeof notificationRequestsOf>) =>
  events.map((e) => e.metadata.version);

describe('notificationRequestsOf', () => {
  it('publishes a mention as NotificationRequested v1 and v2: the notification plus the user, caused by the MessageSent', () => {
    const events = notificationRequestsOf({ userId: bob, notification: aNotification(), cause });

    expect(versionsOf(events)).toEqual([1, 2]);
    for (const event of events) {
      expect(() => validateEvent(event)).not.toThrow();
      expect(event.data).toEqual({ ...aNotification(), userId: bob });
      expect(event.metadata).toMatchObject({
        eventType: 'NotificationRequested',
        correlationId: cause.correlationId,
        causationId: cause.eventId,
        producer: 'notifications.publish-notification-events',
      });
    }
  });

  it('publishes a DM as v1 and v2 too', () => {
    const events = notificationRequestsOf({
      userId: bob,
      notification: aNotification({ kind: 'dm' }),
      cause,
    });

    expect(versionsOf(events)).toEqual([1, 2]);
    expect(events.map((e) => (e.data as { kind: string }).kind)).toEqual(['dm', 'dm']);
  });

  it('publishes a reply as v2 only, since v1 has no kind for it', () => {
    const notification = aNotification({ kind: 'reply', fromUserId: bob });

    const events = notificationRequestsOf({ userId: alice, notification, cause });

    expect(versionsOf(events)).toEqual([2]);
    expect(() => validateEvent(events[0])).not.toThrow();
    expect(events[0]?.data).toEqual({ ...notification, userId: alice });
  });

  it('has the same eventIds every time the same inbox item is replayed, one per version', () => {
    const entry = { userId: bob, notification: aNotification(), cause };
    const idsOf = (e: typeof entry) => notificationRequestsOf(e).map((event) => event.metadata.eventId);

    const [v1, v2] = idsOf(entry);

    expect(idsOf(entry)).toEqual([v1, v2]);
    expect(v1).not.toBe(v2);
    const other = idsOf({ ...entry, notification: aNotification({ notificationId: 'ntf_2' }) });
    expect(other).not.toContain(v1);
    expect(other).not.toContain(v2);
  });
});
