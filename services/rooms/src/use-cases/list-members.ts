import { NotRoomMemberError } from '../domain/errors';
import { toMember, type Member } from '../domain/membership';
import { accessRoom } from './access';
import { decodeCursor, encodeCursor, membersCursorSchema } from './cursor';
import type { Caller, RoomsDependencies } from './ports';

export interface MemberPage {
  items: Member[];
  nextCursor: string | null;
}

/** The members of a room, a page at a time: for its members only (others: 404 private, 403 public). */
export async function listMembers(
  deps: Pick<RoomsDependencies, 'rooms'>,
  caller: Caller,
  roomId: string,
  query: { limit: number; cursor?: string },
): Promise<MemberPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, membersCursorSchema);
  const { membership } = await accessRoom(deps.rooms, roomId, caller.userId);
  if (!membership) throw new NotRoomMemberError();
  const page = await deps.rooms.members(roomId, query.limit, after?.u);
  return {
    items: page.items.map(toMember),
    nextCursor: page.next === undefined ? null : encodeCursor({ u: page.next }),
  };
}
