import {
  ConcurrentChangeError,
  DirectMessageRoomError,
  MemberNotFoundError,
  NotRoomManagerError,
  OwnerCannotBeRemovedError,
} from '../domain/errors';
import { canManageRoom, canRemove, type MemberRecord } from '../domain/membership';
import { accessRoom } from './access';
import type { Caller, OwnerDeparture, RemovalOutcome, RoomsDependencies, WriteContext } from './ports';

/** How often a removal is decided again when the room changed under it before giving up with 409. */
export const MAX_REMOVAL_ATTEMPTS = 5;

type Deps = Pick<RoomsDependencies, 'rooms' | 'clock'>;

/** What happens to the room when `leaving` goes: for its owner, a hand-over (or archiving when alone). */
export async function ownerDepartureOf(
  deps: Pick<Deps, 'rooms'>,
  leaving: MemberRecord,
): Promise<OwnerDeparture | undefined> {
  if (leaving.role !== 'owner') return undefined;
  const successor = await deps.rooms.successorOf(leaving.roomId);
  return successor ? { kind: 'hand-over', successor } : { kind: 'archive' };
}

/** The membership to remove, after checking the caller may remove it. */
async function targetOf(deps: Deps, caller: Caller, roomId: string, userId: string): Promise<MemberRecord> {
  const { room, membership } = await accessRoom(deps.rooms, roomId, caller.userId);
  if (userId === caller.userId) {
    if (!membership) throw new MemberNotFoundError();
    if (room.kind === 'dm') throw new DirectMessageRoomError();
    return membership;
  }
  if (room.kind === 'dm') throw new DirectMessageRoomError();
  if (!membership || !canManageRoom(membership.role)) throw new NotRoomManagerError();
  const target = await deps.rooms.getMember(roomId, userId);
  if (!target) throw new MemberNotFoundError();
  if (target.role === 'owner') throw new OwnerCannotBeRemovedError();
  if (!canRemove(membership.role, target.role)) throw new NotRoomManagerError();
  return target;
}

/** One decision and its write; 'changed' when something it relied on changed meanwhile. */
async function attempt(
  deps: Deps,
  caller: Caller,
  roomId: string,
  userId: string,
  context: WriteContext,
): Promise<RemovalOutcome> {
  const target = await targetOf(deps, caller, roomId, userId);
  const ownerDeparture = await ownerDepartureOf(deps, target);
  return deps.rooms.removeMember(
    {
      roomId,
      userId,
      removedBy: caller.userId,
      reason: userId === caller.userId ? 'left' : 'kicked',
      expectedRole: target.role,
      ...(ownerDeparture ? { ownerDeparture } : {}),
      at: deps.clock.now(),
    },
    context,
  );
}

/**
 * `DELETE /rooms/{roomId}/members/{userId}`: the caller leaves (their own id, `me` resolved by the handler), or
 * an owner/admin kicks someone (the owner kicks admins and members, an admin kicks members, nobody kicks the
 * owner). Leaving a room one is not in is 404, so leaving twice answers 204 then 404. When the owner leaves,
 * the longest-standing admin (else member) becomes owner; with nobody left the room is archived.
 */
export async function removeMember(
  deps: Deps,
  caller: Caller,
  roomId: string,
  userId: string,
  context: WriteContext,
): Promise<void> {
  for (let i = 0; i < MAX_REMOVAL_ATTEMPTS; i += 1) {
    const outcome = await attempt(deps, caller, roomId, userId, context);
    if (outcome === 'removed') return;
    if (outcome === 'not-member') throw new MemberNotFoundError();
  }
  throw new ConcurrentChangeError();
}
