import {
  ConcurrentChangeError,
  DirectMessageRoomError,
  MemberNotFoundError,
  NotRoomOwnerError,
  OwnerRoleUnchangeableError,
} from '../domain/errors';
import { canChangeRoles, toMember, type Member } from '../domain/membership';
import { accessRoom } from './access';
import type { Caller, RoomsDependencies, WriteContext } from './ports';

export const MAX_ROLE_CHANGE_ATTEMPTS = 3;

/**
 * `PATCH /rooms/{roomId}/members/{userId}` `{role: "admin" | "member"}` (an addition to API.md): the owner
 * appoints or demotes an admin. Ownership only moves when the owner leaves.
 */
export async function changeMemberRole(
  deps: Pick<RoomsDependencies, 'rooms'>,
  caller: Caller,
  roomId: string,
  userId: string,
  role: 'admin' | 'member',
  context: WriteContext,
): Promise<Member> {
  for (let i = 0; i < MAX_ROLE_CHANGE_ATTEMPTS; i += 1) {
    const { room, membership } = await accessRoom(deps.rooms, roomId, caller.userId);
    if (room.kind === 'dm') throw new DirectMessageRoomError();
    if (!membership || !canChangeRoles(membership.role)) throw new NotRoomOwnerError();
    const target = await deps.rooms.getMember(roomId, userId);
    if (!target) throw new MemberNotFoundError();
    if (target.role === 'owner') throw new OwnerRoleUnchangeableError();
    if (target.role === role) return toMember(target);
    const updated = await deps.rooms.changeRole(target, role, context);
    if (updated) return toMember(updated);
  }
  throw new ConcurrentChangeError();
}
