import { toRoom, type Room } from '../domain/room';
import { decodeCursor, directoryCursorSchema, encodeCursor } from './cursor';
import type { Caller, RoomsDependencies } from './ports';

export interface RoomPage {
  items: Room[];
  nextCursor: string | null;
}

/** The public directory: active public rooms, newest first, a page at a time. */
export async function listPublicRooms(
  deps: Pick<RoomsDependencies, 'rooms'>,
  query: { limit: number; cursor?: string },
): Promise<RoomPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, directoryCursorSchema);
  const page = await deps.rooms.publicRooms(
    query.limit,
    after === undefined ? undefined : { createdAt: after.c, roomId: after.r },
  );
  return {
    items: page.items.map(toRoom),
    nextCursor:
      page.next === undefined ? null : encodeCursor({ c: page.next.createdAt, r: page.next.roomId }),
  };
}

/** The rooms and DMs the caller is in, newest first. */
export async function listMyRooms(
  deps: Pick<RoomsDependencies, 'rooms'>,
  caller: Caller,
): Promise<{ items: Room[] }> {
  const rooms = await deps.rooms.roomsOf(caller.userId);
  const items = rooms
    .filter((room) => room.status === 'active')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.roomId.localeCompare(b.roomId))
    .map(toRoom);
  return { items };
}
