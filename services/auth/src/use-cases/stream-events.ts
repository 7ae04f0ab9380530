import {
  buildEvent,
  streamRecordEventId,
  userDeletedContract,
  userLoggedOutContract,
  userRegisteredContract,
  type EventEnvelope,
  type StreamRecordIdentity,
} from '@chat/events';

type Image = Record<string, unknown> | undefined;

/** What these rules read of a stream record: what happened, and its identity (for stable event ids). */
type StreamRecord = StreamRecordIdentity & { eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | undefined };

function text(image: Record<string, unknown>, name: string): string {
  const value = image[name];
  if (typeof value !== 'string') throw new Error(`stream image has no string ${name}`);
  return value;
}

function optionalText(image: Record<string, unknown>, name: string): string | undefined {
  const value = image[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The users table's outbox: a new account → UserRegistered (updates and deletes publish nothing). */
export function userRegisteredEventsOf(record: StreamRecord, newImage: Image): EventEnvelope[] {
  if (record.eventName !== 'INSERT' || !newImage) return [];
  const correlationId = optionalText(newImage, 'correlationId');
  return [
    buildEvent(
      userRegisteredContract,
      {
        userId: text(newImage, 'userId'),
        username: text(newImage, 'username'),
        email: text(newImage, 'email'),
      },
      {
        producer: 'auth.publish-user-events',
        eventId: streamRecordEventId(record),
        ...(correlationId ? { correlationId } : {}),
      },
    ),
  ];
}

/**
 * The revocations table's outbox: a new logout (an inserted record, or a changed `revokedAt`) → UserLoggedOut.
 * Allowing a session and TTL expiry publish nothing.
 */
export function userLoggedOutEventsOf(
  record: StreamRecord,
  newImage: Image,
  oldImage: Image,
): EventEnvelope[] {
  if (record.eventName === 'REMOVE' || !newImage) return [];
  const revokedAt = text(newImage, 'revokedAt');
  if (oldImage && oldImage.revokedAt === revokedAt) return [];
  const correlationId = optionalText(newImage, 'correlationId');
  return [
    buildEvent(
      userLoggedOutContract,
      { userId: text(newImage, 'userId'), revokedBefore: revokedAt },
      {
        producer: 'auth.publish-logout-events',
        eventId: streamRecordEventId(record),
        ...(correlationId ? { correlationId } : {}),
      },
    ),
  ];
}

/**
 * The revocations table's outbox, for a closed account: a record whose `closedAt` appears → UserDeleted (besides
 * the UserLoggedOut its new `revokedAt` publishes). Its event id is the stream record's second (index 1).
 */
export function userDeletedEventsOf(record: StreamRecord, newImage: Image, oldImage: Image): EventEnvelope[] {
  if (record.eventName === 'REMOVE' || !newImage) return [];
  if (optionalText(newImage, 'closedAt') === undefined || (oldImage && optionalText(oldImage, 'closedAt'))) {
    return [];
  }
  const correlationId = optionalText(newImage, 'correlationId');
  return [
    buildEvent(
      userDeletedContract,
      { userId: text(newImage, 'userId') },
      {
        producer: 'auth.publish-logout-events',
        eventId: streamRecordEventId(record, 1),
        ...(correlationId ? { correlationId } : {}),
      },
    ),
  ];
}

/** Everything the revocations table's stream publishes: UserLoggedOut, then UserDeleted for a closed account. */
export function revocationEventsOf(record: StreamRecord, newImage: Image, oldImage: Image): EventEnvelope[] {
  return [
    ...userLoggedOutEventsOf(record, newImage, oldImage),
    ...userDeletedEventsOf(record, newImage, oldImage),
  ];
}
