import type { LastMessage } from '../domain/room-activity';
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

/** A room of the caller's list: the Room, its last message and when it was last active. */
export type MyRoom = Room & { lastMessage: LastMessage | null; lastActivityAt: string };

/**
 * The rooms and DMs the caller is in, most recent activity first: a room's activity is its newest message (the
 * room-activity projection, eventually consistent), or its creation while it has none; ties by room id.
 */
export async function listMyRooms(
  deps: Pick<RoomsDependencies, 'rooms' | 'activity'>,
  caller: Caller,
): Promise<{ items: MyRoom[] }> {
  const rooms = (await deps.rooms.roomsOf(caller.userId)).filter((room) => room.status === 'active');
  const activity = rooms.length === 0 ? new Map() : await deps.activity.getMany(rooms.map((r) => r.roomId));
  const items = rooms
    .map((room): MyRoom => {
      const state = activity.get(room.roomId);
      return {
        ...toRoom(room),
        lastMessage: state?.lastMessage ?? null,
        lastActivityAt: state?.lastActivityAt ?? room.createdAt,
      };
    })
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || a.roomId.localeCompare(b.roomId));
  return { items };
}
