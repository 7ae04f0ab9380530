import { isVisibleTo, type RoomRecord } from '../domain/room';
import type { MemberRecord } from '../domain/membership';
import { RoomNotFoundError } from '../domain/errors';
import type { RoomStore } from './ports';

/** A room the caller may see, with the caller's membership when there is one. */
export interface RoomAccess {
  room: RoomRecord;
  membership: MemberRecord | undefined;
}

/**
 * Loads a room for a caller: RoomNotFoundError when it does not exist, is archived, or is private (or a DM) and
 * the caller is not in it, so the answer never tells a private room from a missing one.
 */
export async function accessRoom(rooms: RoomStore, roomId: string, userId: string): Promise<RoomAccess> {
  const [room, membership] = await Promise.all([rooms.getRoom(roomId), rooms.getMember(roomId, userId)]);
  if (!room || !isVisibleTo(room, membership !== undefined)) throw new RoomNotFoundError();
  return { room, membership };
}
