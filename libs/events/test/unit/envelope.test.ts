import { isValid as isUlid } from 'ulid';
import {
  buildEvent,
  deterministicEventId,
  eventContracts,
  streamRecordEventId,
  validateEvent,
} from '../../src/index';

const joined = eventContracts.UserJoined;
const data = joined.examples[0];
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('buildEvent', () => {
  it('wraps data in a valid envelope with a new ULID, the time, the contract name and version', () => {
    const now = new Date('2025-02-01T08:30:00.000Z');

    const event = buildEvent(joined, data, { producer: 'rooms.join-room', now });

    expect(isUlid(event.metadata.eventId)).toBe(true);
    expect(event.metadata).toMatchObject({
      eventType: 'UserJoined',
      version: 1,
      occurredAt: '2025-02-01T08:30:00.000Z',
      producer: 'rooms.join-room',
    });
    expect(event.data).toBe(data);
    expect(() => validateEvent(event)).not.toThrow();
  });

  it('gives every event its own id', () => {
    const ids = new Set(
      Array.from({ length: 50 }, () => buildEvent(joined, data, { producer: 'p' }).metadata.eventId),
    );

    expect(ids.size).toBe(50);
  });

  it('starts a new correlation chain (correlationId = its own eventId, no causationId) when nothing is given', () => {
    const event = buildEvent(joined, data, { producer: 'p' });

    expect(event.metadata.correlationId).toBe(event.metadata.eventId);
    expect(event.metadata).not.toHaveProperty('causationId');
  });

  it('uses a given correlationId, such as the HTTP request id', () => {
    const event = buildEvent(joined, data, { producer: 'p', correlationId: 'req-123' });

    expect(event.metadata.correlationId).toBe('req-123');
  });

  it("propagates the causing event's correlationId and sets causationId to its eventId", () => {
    const cause = buildEvent(eventContracts.MessageSent, eventContracts.MessageSent.examples[0], {
      producer: 'messaging.stream-publisher',
      correlationId: 'req-abc',
    });

    const effect = buildEvent(
      eventContracts.NotificationRequested,
      eventContracts.NotificationRequested.examples[0],
      {
        producer: 'notifications.on-message-sent',
        causedBy: cause,
        correlationId: 'ignored-when-there-is-a-cause',
      },
    );

    expect(effect.metadata.correlationId).toBe('req-abc');
    expect(effect.metadata.causationId).toBe(cause.metadata.eventId);
    expect(effect.metadata.eventId).not.toBe(cause.metadata.eventId);
  });

  it('keeps a given eventId', () => {
    const event = buildEvent(joined, data, { producer: 'p', eventId: 'fixed-id' });

    expect(event.metadata.eventId).toBe('fixed-id');
    expect(event.metadata.correlationId).toBe('fixed-id');
  });
});

describe('deterministicEventId', () => {
  it('derives the same UUID-shaped id from the same seed and different ids from different seeds', () => {
    const first = deterministicEventId('seed-a');

    expect(first).toMatch(uuidShape);
    expect(deterministicEventId('seed-a')).toBe(first);
    expect(deterministicEventId('seed-b')).not.toBe(first);
  });
});

describe('streamRecordEventId', () => {
  const record = {
    eventID: 'c81e728d9d4c2f636f067f89cc14862c',
    eventSourceARN: 'arn:aws:dynamodb:x:1:table/t/stream/s',
  };

  it('gives a replayed stream record the same eventId, and each event of a record its own', () => {
    const first = streamRecordEventId(record);

    expect(streamRecordEventId({ ...record })).toBe(first);
    expect(streamRecordEventId(record, 1)).not.toBe(first);
    expect(streamRecordEventId({ ...record, eventID: 'another' })).not.toBe(first);
  });

  it('refuses a record without eventID', () => {
    expect(() => streamRecordEventId({})).toThrow('no eventID');
  });
});
