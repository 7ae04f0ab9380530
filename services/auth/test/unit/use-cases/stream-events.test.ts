import type { DynamoDBRecord } from 'aws-lambda';
import { validateEvent } from '@chat/events';
import { userLoggedOutEventsOf, userRegisteredEventsOf } from '../../../src/use-cases/stream-events';

function aStreamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', eventID = 'record-1'): DynamoDBRecord {
  return {
    eventID,
    eventName,
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/1',
    dynamodb: { SequenceNumber: '1' },
  };
}

const userItem = {
  userId: 'sub-alice',
  username: 'alice',
  displayName: 'alice',
  email: 'alice@example.com',
  createdAt: '2025-01-15T10:00:00.000Z',
  correlationId: 'corr-1',
};

describe('userRegisteredEventsOf', () => {
  it('turns a new account into a valid UserRegistered carrying the request correlation id', () => {
    const [event, ...rest] = userRegisteredEventsOf(aStreamRecord('INSERT'), userItem);

    expect(rest).toEqual([]);
    expect(event?.data).toEqual({ userId: 'sub-alice', username: 'alice', email: 'alice@example.com' });
    expect(event?.metadata).toMatchObject({
      eventType: 'UserRegistered',
      correlationId: 'corr-1',
      producer: 'auth.publish-user-events',
    });
    expect(() => validateEvent(event!)).not.toThrow();
  });

  it('gives a replayed stream record the same event id', () => {
    const first = userRegisteredEventsOf(aStreamRecord('INSERT', 'r-7'), userItem);
    const replay = userRegisteredEventsOf(aStreamRecord('INSERT', 'r-7'), userItem);

    expect(replay[0]?.metadata.eventId).toBe(first[0]?.metadata.eventId);
  });

  it('publishes nothing for a profile update or a deletion', () => {
    expect(userRegisteredEventsOf(aStreamRecord('MODIFY'), { ...userItem, displayName: 'Al' })).toEqual([]);
    expect(userRegisteredEventsOf(aStreamRecord('REMOVE'), undefined)).toEqual([]);
  });
});

describe('userLoggedOutEventsOf', () => {
  const record = { userId: 'sub-alice', revokedAt: '2025-01-15T10:00:00.250Z', correlationId: 'corr-2' };

  it('turns a first logout into a valid UserLoggedOut', () => {
    const [event] = userLoggedOutEventsOf(aStreamRecord('INSERT'), record, undefined);

    expect(event?.data).toEqual({ userId: 'sub-alice', revokedBefore: '2025-01-15T10:00:00.250Z' });
    expect(event?.metadata.correlationId).toBe('corr-2');
    expect(() => validateEvent(event!)).not.toThrow();
  });

  it('turns a later logout (a new revokedAt) into a UserLoggedOut', () => {
    const later = { ...record, revokedAt: '2025-01-16T08:00:00.000Z' };

    expect(userLoggedOutEventsOf(aStreamRecord('MODIFY'), later, record)).toHaveLength(1);
  });

  it('publishes nothing when a session is allowed or the record expires', () => {
    const allowed = { ...record, allowedSessions: new Set(['jti-1']) };

    expect(userLoggedOutEventsOf(aStreamRecord('MODIFY'), allowed, record)).toEqual([]);
    expect(userLoggedOutEventsOf(aStreamRecord('REMOVE'), undefined, record)).toEqual([]);
  });
});
