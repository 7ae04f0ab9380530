import { DirectMessageRoomError, NotRoomManagerError, RoomNotFoundError } from '../domain/errors';
import { canManageRoom } from '../domain/membership';
import { toRoom, type Room } from '../domain/room';
import { accessRoom } from './access';
import type { Caller, RoomChanges, RoomsDependencies, WriteContext } from './ports';

/** Renames a room or changes its topic: its owner or an admin. */
export async function updateRoom(
  deps: Pick<RoomsDependencies, 'rooms' | 'clock'>,
  caller: Caller,
  roomId: string,
  changes: RoomChanges,
  context: WriteContext,
): Promise<Room> {
  const { room, membership } = await accessRoom(deps.rooms, roomId, caller.userId);
  if (room.kind === 'dm') throw new DirectMessageRoomError();
  if (!membership || !canManageRoom(membership.role)) throw new NotRoomManagerError();
  const updated = await deps.rooms.updateRoom(roomId, changes, deps.clock.now(), context);
  if (!updated) throw new RoomNotFoundError();
  return toRoom(updated);
}
