import { ContractViolationError } from '@chat/events';
import { fanOutContinuedEvent } from '../../../src/domain/fan-out-continued';
import { roomDeliveryOf } from '../../../src/use-cases/room-events';
import { aMessage, anEventBridgeEvent, aSilentLogger } from '../../support/builders';

const logger = aSilentLogger();

describe('roomDeliveryOf', () => {
  it('turns MessageSent into message.sent to the room, carrying the event id and the room version', () => {
    const message = aMessage({ seq: 7, version: 7 });

    const delivery = roomDeliveryOf(
      anEventBridgeEvent('chat.messaging', 'MessageSent', message, { eventId: 'e-1', correlationId: 'c-1' }),
      logger,
    );

    expect(delivery).toEqual({
      eventId: 'e-1',
      correlationId: 'c-1',
      job: {
        roomId: 'room-1',
        frame: { type: 'message.sent', roomId: 'room-1', version: 7, message, eventId: 'e-1' },
        alsoNotify: [],
        page: 1,
      },
    });
  });

  it('turns MessageEdited and MessageDeleted into their frames, with the version each change took', () => {
    const edited = aMessage({ text: 'fixed', editedAt: '2025-01-15T10:01:00.000Z', seq: 3, version: 8 });

    expect(
      roomDeliveryOf(anEventBridgeEvent('chat.messaging', 'MessageEdited', edited), logger).job.frame,
    ).toEqual({
      type: 'message.edited',
      roomId: 'room-1',
      version: 8,
      message: edited,
      eventId: 'event-1',
    });
    expect(
      roomDeliveryOf(
        anEventBridgeEvent('chat.messaging', 'MessageDeleted', {
          roomId: 'room-1',
          messageId: 'm-1',
          version: 9,
        }),
        logger,
      ).job.frame,
    ).toEqual({
      type: 'message.deleted',
      roomId: 'room-1',
      messageId: 'm-1',
      version: 9,
      eventId: 'event-1',
    });
  });

  it('leaves version out of the frame of a message stored before room versions (no version on the event)', () => {
    const legacy = aMessage();

    expect(
      roomDeliveryOf(anEventBridgeEvent('chat.messaging', 'MessageSent', legacy), logger).job.frame,
    ).toEqual({ type: 'message.sent', roomId: 'room-1', message: legacy, eventId: 'event-1' });
  });

  it('turns UserJoined into member.joined, and UserLeft into member.left also for the one who left', () => {
    const joined = roomDeliveryOf(
      anEventBridgeEvent('chat.rooms', 'UserJoined', { roomId: 'room-1', userId: 'bob', role: 'member' }),
      logger,
    );
    const left = roomDeliveryOf(
      anEventBridgeEvent('chat.rooms', 'UserLeft', { roomId: 'room-1', userId: 'bob', reason: 'kicked' }),
      logger,
    );

    expect(joined.job).toEqual({
      roomId: 'room-1',
      frame: { type: 'member.joined', roomId: 'room-1', userId: 'bob', role: 'member', eventId: 'event-1' },
      alsoNotify: [],
      page: 1,
    });
    expect(left.job).toEqual({
      roomId: 'room-1',
      frame: { type: 'member.left', roomId: 'room-1', userId: 'bob', eventId: 'event-1' },
      alsoNotify: ['bob'],
      page: 1,
    });
  });

  it('reads a FanOutContinued as the job it carries, under its own event id', () => {
    const job = {
      roomId: 'room-1',
      frame: { type: 'member.left', roomId: 'room-1', userId: 'bob', eventId: 'event-1' },
      alsoNotify: [],
      after: 'm-500',
      page: 2,
    };
    const envelope = fanOutContinuedEvent(job, { eventId: 'event-1', correlationId: 'c-1' }, new Date());

    const delivery = roomDeliveryOf(
      { ...anEventBridgeEvent('chat.realtime', 'FanOutContinued', job), detail: envelope },
      logger,
    );

    expect(delivery).toEqual({ eventId: envelope.metadata.eventId, correlationId: 'c-1', job });
  });

  it('fails loudly on a contract break or an event it does not consume', () => {
    expect(() =>
      roomDeliveryOf(anEventBridgeEvent('chat.messaging', 'MessageSent', { roomId: 'room-1' }), logger),
    ).toThrow(ContractViolationError);
    expect(() => roomDeliveryOf(anEventBridgeEvent('chat.rooms', 'RoomCreated', {}), logger)).toThrow(
      'does not consume RoomCreated',
    );
  });
});
