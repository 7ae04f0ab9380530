import type { Room } from '@chat/events';

export type { Room };
export type RoomKind = Room['kind'];
export type Visibility = Room['visibility'];

/** An archived room has no members left (its owner left last): it is gone for every caller. */
export type RoomStatus = 'active' | 'archived';

/** A room as the service stores it: the contract's Room plus its lifecycle. */
export interface RoomRecord extends Room {
  status: RoomStatus;
  updatedAt: string;
}

export const NAME_MAX_LENGTH = 100;
export const TOPIC_MAX_LENGTH = 500;

/** The contract's Room (API.md) of a stored room: no internal attributes. */
export function toRoom(record: RoomRecord): Room {
  return {
    roomId: record.roomId,
    kind: record.kind,
    name: record.name,
    topic: record.topic,
    visibility: record.visibility,
    ownerId: record.ownerId,
    memberCount: record.memberCount,
    createdAt: record.createdAt,
  };
}

/** Listed in the public directory and open to anyone who joins: an active public room (never a DM). */
export function isOpenRoom(room: RoomRecord): boolean {
  return room.status === 'active' && room.kind === 'room' && room.visibility === 'public';
}

/**
 * Whether a caller may know the room exists: an active room that is public, or that the caller is in.
 * Everything else answers 404, so a private room's existence never leaks.
 */
export function isVisibleTo(room: RoomRecord, isMember: boolean): boolean {
  return room.status === 'active' && (isMember || isOpenRoom(room));
}
