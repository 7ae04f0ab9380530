import {
  DirectMessageRoomError,
  NotRoomManagerError,
  RoomNotFoundError,
  UserBannedError,
  UserNotFoundError,
} from '../domain/errors';
import { canManageRoom, toMember, type Member, type MemberRecord } from '../domain/membership';
import { isOpenRoom, type RoomRecord } from '../domain/room';
import { accessRoom } from './access';
import type { Caller, KnownUser, RoomsDependencies, WriteContext } from './ports';

type Deps = Pick<RoomsDependencies, 'rooms' | 'users' | 'clock'>;

async function add(
  deps: Deps,
  room: RoomRecord,
  user: KnownUser,
  context: WriteContext,
  subject: 'caller' | 'invitee',
): Promise<Member> {
  const member: MemberRecord = {
    roomId: room.roomId,
    userId: user.userId,
    username: user.username,
    role: 'member',
    joinedAt: deps.clock.now().toISOString(),
    roomKind: room.kind,
  };
  const outcome = await deps.rooms.addMember(member, context);
  if (outcome.kind === 'room-gone') throw new RoomNotFoundError();
  if (outcome.kind === 'banned') throw new UserBannedError(subject);
  return toMember(outcome.kind === 'already-member' ? outcome.member : member);
}

/**
 * `POST /rooms/{roomId}/members` with `{}` (or the caller's own id): joins a public room. Idempotent: a
 * member gets their membership back. A private room or DM is only entered by being added, so a non-member
 * trying to join one gets 404, as if it did not exist.
 */
export async function joinRoom(
  deps: Deps,
  caller: Caller,
  roomId: string,
  context: WriteContext,
): Promise<Member> {
  const { room, membership } = await accessRoom(deps.rooms, roomId, caller.userId);
  if (membership) return toMember(membership);
  if (!isOpenRoom(room)) throw new RoomNotFoundError();
  const [member] = await Promise.all([
    add(deps, room, caller, context, 'caller'),
    deps.users.remember(caller),
  ]);
  return member;
}

/**
 * `POST /rooms/{roomId}/members` with `{userId}` of someone else: the owner or an admin adds a registered user
 * (the only way into a private room). Idempotent: adding a member again returns their membership.
 */
export async function addMember(
  deps: Deps,
  caller: Caller,
  roomId: string,
  userId: string,
  context: WriteContext,
): Promise<Member> {
  if (userId === caller.userId) return joinRoom(deps, caller, roomId, context);
  const { room, membership } = await accessRoom(deps.rooms, roomId, caller.userId);
  if (room.kind === 'dm') throw new DirectMessageRoomError();
  if (!membership || !canManageRoom(membership.role)) throw new NotRoomManagerError();
  const [user, existing] = await Promise.all([deps.users.find(userId), deps.rooms.getMember(roomId, userId)]);
  if (existing) return toMember(existing);
  if (!user) throw new UserNotFoundError();
  return add(deps, room, user, context, 'invitee');
}
