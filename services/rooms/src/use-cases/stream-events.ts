import {
  buildEvent,
  roomCreatedContract,
  roomUpdatedContract,
  userJoinedContract,
  userBlockedContract,
  userLeftContract,
  userUnblockedContract,
  type EventEnvelope,
} from '@chat/events';
import type { BlockRecord } from '../domain/blocks';
import type { MemberRecord, RemovalReason } from '../domain/membership';
import { toRoom, type RoomRecord } from '../domain/room';

/** A stored item as its stream image shows it, with the correlation id of the request that wrote it. */
export interface Stored<T> {
  record: T;
  correlationId?: string;
}

export type StoredRoom = Stored<RoomRecord>;

export interface StoredMembership extends Stored<MemberRecord> {
  /** Written onto the membership just before it is deleted, so its REMOVE record tells a kick from a leave. */
  removalReason?: RemovalReason;
}

/** One table stream record, already read into the service's records. */
export interface StoredChange<T> {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The event id derived from the stream record: a redelivered record publishes the same id. */
  eventId: string;
  newImage?: T;
  oldImage?: T;
}

const correlation = (stored: Stored<unknown>) =>
  stored.correlationId === undefined ? {} : { correlationId: stored.correlationId };

/**
 * The rooms table's outbox: a new room → RoomCreated; a change of name, topic or owner of an active room →
 * RoomUpdated. Member-count changes and archiving publish nothing (UserJoined/UserLeft tell those).
 */
export function roomEventsOf(change: StoredChange<StoredRoom>): EventEnvelope[] {
  const { newImage, oldImage } = change;
  if (change.eventName === 'INSERT' && newImage) {
    return [
      buildEvent(roomCreatedContract, toRoom(newImage.record), {
        producer: 'rooms.publish-room-events',
        eventId: change.eventId,
        ...correlation(newImage),
      }),
    ];
  }
  if (change.eventName === 'MODIFY' && newImage && oldImage && newImage.record.status === 'active') {
    const before = oldImage.record;
    const after = newImage.record;
    const changed =
      before.name !== after.name || before.topic !== after.topic || before.ownerId !== after.ownerId;
    if (!changed) return [];
    return [
      buildEvent(roomUpdatedContract, toRoom(after), {
        producer: 'rooms.publish-room-events',
        eventId: change.eventId,
        ...correlation(newImage),
      }),
    ];
  }
  return [];
}

/**
 * The memberships table's outbox: a new membership → UserJoined; a deleted one → UserLeft, `kicked` when the
 * removal marker says so, else `left`. Role changes publish nothing.
 */
export function membershipEventsOf(change: StoredChange<StoredMembership>): EventEnvelope[] {
  const { newImage, oldImage } = change;
  if (change.eventName === 'INSERT' && newImage) {
    const { roomId, userId, role } = newImage.record;
    return [
      buildEvent(
        userJoinedContract,
        { roomId, userId, role },
        { producer: 'rooms.publish-membership-events', eventId: change.eventId, ...correlation(newImage) },
      ),
    ];
  }
  if (change.eventName === 'REMOVE' && oldImage) {
    const { roomId, userId } = oldImage.record;
    return [
      buildEvent(
        userLeftContract,
        { roomId, userId, reason: oldImage.removalReason === 'kicked' ? 'kicked' : 'left' },
        { producer: 'rooms.publish-membership-events', eventId: change.eventId, ...correlation(oldImage) },
      ),
    ];
  }
  return [];
}

export type StoredBlock = Stored<BlockRecord>;

/** The blocks table's outbox: a new block → UserBlocked; a removed one → UserUnblocked. */
export function blockEventsOf(change: StoredChange<StoredBlock>): EventEnvelope[] {
  const producer = 'rooms.publish-block-events';
  if (change.eventName === 'INSERT' && change.newImage) {
    return [
      buildEvent(userBlockedContract, change.newImage.record, {
        producer,
        eventId: change.eventId,
        ...correlation(change.newImage),
      }),
    ];
  }
  if (change.eventName === 'REMOVE' && change.oldImage) {
    const { userId, blockedUserId } = change.oldImage.record;
    return [
      buildEvent(userUnblockedContract, { userId, blockedUserId }, { producer, eventId: change.eventId }),
    ];
  }
  return [];
}
