import { directMessageRoomId } from '../domain/direct-message';
import {
  BlockedByUserError,
  DirectMessageToSelfError,
  RoomNotFoundError,
  UserNotFoundError,
} from '../domain/errors';
import type { MemberRecord } from '../domain/membership';
import { toRoom, type Room, type RoomRecord } from '../domain/room';
import type { Caller, RoomsDependencies, WriteContext } from './ports';

export interface OpenedDirectMessage {
  room: Room;
  /** False when the pair's room already existed (→ 200 rather than 201). */
  created: boolean;
}

/**
 * `POST /dms {userId}`: the direct-message room of the caller and another registered user, created on first
 * use with exactly those two members. Its id is derived from the pair, so every call for the same pair, in
 * either direction and however concurrent, ends with the one room. A user the peer has blocked gets 403, also
 * for a DM that already exists (they may still read it: GET of the room and its messages).
 */
export async function openDirectMessage(
  deps: Pick<RoomsDependencies, 'rooms' | 'users' | 'clock' | 'blocks'>,
  caller: Caller,
  peerId: string,
  context: WriteContext,
): Promise<OpenedDirectMessage> {
  if (peerId === caller.userId) throw new DirectMessageToSelfError();
  const roomId = directMessageRoomId(caller.userId, peerId);
  const [existing, peer, blocked] = await Promise.all([
    deps.rooms.getRoom(roomId),
    deps.users.find(peerId),
    deps.blocks.hasBlocked(peerId, caller.userId),
  ]);
  if (blocked) throw new BlockedByUserError();
  if (existing) return { room: toRoom(existing), created: false };
  if (!peer) throw new UserNotFoundError();

  const now = deps.clock.now().toISOString();
  const room: RoomRecord = {
    roomId,
    kind: 'dm',
    name: '',
    topic: '',
    visibility: 'private',
    ownerId: caller.userId,
    memberCount: 2,
    createdAt: now,
    updatedAt: now,
    status: 'active',
  };
  const member = (user: Caller, role: MemberRecord['role']): MemberRecord => ({
    roomId,
    userId: user.userId,
    username: user.username,
    role,
    joinedAt: now,
    roomKind: 'dm',
  });
  const [outcome] = await Promise.all([
    deps.rooms.createDirectMessage(room, [member(caller, 'owner'), member(peer, 'member')], context),
    deps.users.remember(caller),
  ]);
  if (outcome === 'created') return { room: toRoom(room), created: true };
  const raced = await deps.rooms.getRoom(roomId);
  if (!raced) throw new RoomNotFoundError();
  return { room: toRoom(raced), created: false };
}
