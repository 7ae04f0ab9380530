import { toRoom, type Room } from '../domain/room';
import { accessRoom } from './access';
import type { Caller, RoomsDependencies } from './ports';

/** A room the caller may see (public, or one they are in). */
export async function getRoom(
  deps: Pick<RoomsDependencies, 'rooms'>,
  caller: Caller,
  roomId: string,
): Promise<Room> {
  const { room } = await accessRoom(deps.rooms, roomId, caller.userId);
  return toRoom(room);
}
