import {
  BanNotAllowedError,
  ConcurrentChangeError,
  DirectMessageRoomError,
  NotRoomManagerError,
  UserNotFoundError,
} from '../domain/errors';
import { canBan, toBan, type Ban, type BanRecord } from '../domain/bans';
import { canManageRoom, type MemberRecord } from '../domain/membership';
import { accessRoom } from './access';
import { decodeCursor, encodeCursor, membersCursorSchema } from './cursor';
import type { Caller, RoomsDependencies, WriteContext } from './ports';
import { MAX_REMOVAL_ATTEMPTS } from './remove-member';

type Deps = Pick<RoomsDependencies, 'rooms' | 'users' | 'clock'>;

/** The room, when the caller may manage its bans: the owner or an admin of a room that is not a DM. */
async function managedRoom(deps: Pick<Deps, 'rooms'>, caller: Caller, roomId: string) {
  const { room, membership } = await accessRoom(deps.rooms, roomId, caller.userId);
  if (room.kind === 'dm') throw new DirectMessageRoomError();
  if (!membership || !canManageRoom(membership.role)) throw new NotRoomManagerError();
  return { room, membership };
}

function checkMayBan(actor: MemberRecord, target: MemberRecord | undefined): void {
  if (canBan(actor.role, target?.role)) return;
  throw new BanNotAllowedError(target?.role === 'owner' ? 'owner' : 'admin');
}

/**
 * `PUT /rooms/{roomId}/bans/{userId}`: the owner or an admin bans a user. A member is removed (reason
 * `kicked`) in the same transaction that stores the ban, so no join slips in between; a non-member is banned
 * pre-emptively (a registered user only). Banning someone already banned keeps the first ban. The owner is never
 * banned; only the owner bans an admin.
 */
export async function banUser(
  deps: Deps,
  caller: Caller,
  input: { roomId: string; userId: string; reason: string | null },
  context: WriteContext,
): Promise<void> {
  for (let i = 0; i < MAX_REMOVAL_ATTEMPTS; i += 1) {
    const { membership: actor } = await managedRoom(deps, caller, input.roomId);
    const target = await deps.rooms.getMember(input.roomId, input.userId);
    checkMayBan(actor, target);
    const at = deps.clock.now();
    const ban: BanRecord = {
      roomId: input.roomId,
      userId: input.userId,
      bannedBy: caller.userId,
      reason: input.reason,
      createdAt: at.toISOString(),
    };
    if (!target) {
      if (!(await deps.users.find(input.userId))) throw new UserNotFoundError();
      if ((await deps.rooms.banNonMember(ban, context)) !== 'member') return;
      continue; // joined meanwhile: remove them with the ban
    }
    const outcome = await deps.rooms.removeMember(
      {
        roomId: input.roomId,
        userId: input.userId,
        removedBy: caller.userId,
        reason: 'kicked',
        expectedRole: target.role,
        ban,
        at,
      },
      context,
    );
    if (outcome === 'removed') return;
  }
  throw new ConcurrentChangeError();
}

/** `DELETE /rooms/{roomId}/bans/{userId}`: the owner or an admin lifts a ban; idempotent (none: 204 too). */
export async function unbanUser(
  deps: Pick<Deps, 'rooms'>,
  caller: Caller,
  roomId: string,
  userId: string,
): Promise<void> {
  await managedRoom(deps, caller, roomId);
  await deps.rooms.unban(roomId, userId);
}

export interface BanPage {
  items: Ban[];
  nextCursor: string | null;
}

/** `GET /rooms/{roomId}/bans?limit=&cursor=`: the owner or an admin lists the room's bans, by user id. */
export async function listBans(
  deps: Pick<Deps, 'rooms'>,
  caller: Caller,
  roomId: string,
  query: { limit: number; cursor?: string },
): Promise<BanPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, membersCursorSchema);
  await managedRoom(deps, caller, roomId);
  const page = await deps.rooms.bans(roomId, query.limit, after?.u);
  return {
    items: page.items.map(toBan),
    nextCursor: page.next === undefined ? null : encodeCursor({ u: page.next }),
  };
}
