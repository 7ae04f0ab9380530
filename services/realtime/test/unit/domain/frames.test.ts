import { fanOutContinuedEvent, parseFanOutContinued } from '../../../src/domain/fan-out-continued';
import { notificationFrame } from '../../../src/domain/server-frames';
import { anEventBridgeEvent } from '../../support/builders';

describe('notificationFrame', () => {
  it('carries the notification without the recipient, and the event id', () => {
    const frame = notificationFrame(
      {
        userId: 'bob',
        notificationId: 'n-1',
        kind: 'mention',
        roomId: 'room-1',
        messageId: 'm-1',
        fromUserId: 'alice',
        preview: 'hi @bob',
        createdAt: '2025-01-15T10:00:00.000Z',
      },
      'event-7',
    );

    expect(frame).toEqual({
      type: 'notification',
      eventId: 'event-7',
      notification: {
        notificationId: 'n-1',
        kind: 'mention',
        roomId: 'room-1',
        messageId: 'm-1',
        fromUserId: 'alice',
        preview: 'hi @bob',
        createdAt: '2025-01-15T10:00:00.000Z',
      },
    });
  });
});

describe('the FanOutContinued event', () => {
  const job = {
    roomId: 'room-1',
    frame: { type: 'message.deleted', roomId: 'room-1', messageId: 'm-1', eventId: 'source-1' },
    alsoNotify: [],
    after: 'user-500',
    page: 2,
  };

  it('gets the same eventId for the same page of the same fan-out, and another for another page', () => {
    const causedBy = { eventId: 'source-1', correlationId: 'corr-1' };
    const first = fanOutContinuedEvent(job, causedBy, new Date('2025-01-15T10:00:00.000Z'));
    const again = fanOutContinuedEvent(job, causedBy, new Date('2025-01-15T10:00:05.000Z'));
    const next = fanOutContinuedEvent({ ...job, page: 3 }, causedBy, new Date());

    expect(again.metadata.eventId).toBe(first.metadata.eventId);
    expect(next.metadata.eventId).not.toBe(first.metadata.eventId);
    expect(first.metadata).toMatchObject({ causationId: 'source-1', correlationId: 'corr-1' });
  });

  it('reads back the job it carries', () => {
    const envelope = fanOutContinuedEvent(job, { eventId: 'source-1', correlationId: 'c' }, new Date());
    const event = { ...anEventBridgeEvent('chat.realtime', 'FanOutContinued', job), detail: envelope };

    expect(parseFanOutContinued(event)).toEqual(envelope);
  });

  it('refuses another event or a malformed job', () => {
    const envelope = fanOutContinuedEvent(job, { eventId: 'source-1', correlationId: 'c' }, new Date());

    expect(() =>
      parseFanOutContinued({ ...anEventBridgeEvent('chat.rooms', 'FanOutContinued', job), detail: envelope }),
    ).toThrow('Not a FanOutContinued event');
    expect(() =>
      parseFanOutContinued({
        ...anEventBridgeEvent('chat.realtime', 'FanOutContinued', job),
        detail: { ...envelope, data: { ...job, page: 1 } },
      }),
    ).toThrow();
  });
});
