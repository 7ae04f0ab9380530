import { enforceRateLimit } from '@chat/runtime';
import { RoomCreationLimitedError } from '../domain/errors';
import type { MemberRecord } from '../domain/membership';
import { toRoom, type Room, type RoomRecord, type Visibility } from '../domain/room';
import type { Caller, RoomsDependencies, WriteContext } from './ports';

export interface CreateRoomInput {
  /** Already trimmed and validated (1 to 100 characters). */
  name: string;
  visibility: Visibility;
  topic?: string;
}

/** Creates a room; the caller becomes its owner and only member. Past the caller's creation limit: 429. */
export async function createRoom(
  deps: Pick<RoomsDependencies, 'rooms' | 'users' | 'clock' | 'ids' | 'limits'>,
  caller: Caller,
  input: CreateRoomInput,
  context: WriteContext,
): Promise<Room> {
  await enforceRateLimit(
    deps.limits.limiter,
    deps.limits.roomCreation,
    caller.userId,
    (seconds) => new RoomCreationLimitedError(seconds),
  );
  const now = deps.clock.now().toISOString();
  const room: RoomRecord = {
    roomId: deps.ids.next(),
    kind: 'room',
    name: input.name,
    topic: input.topic ?? '',
    visibility: input.visibility,
    ownerId: caller.userId,
    memberCount: 1,
    createdAt: now,
    updatedAt: now,
    status: 'active',
  };
  const owner: MemberRecord = {
    roomId: room.roomId,
    userId: caller.userId,
    username: caller.username,
    role: 'owner',
    joinedAt: now,
    roomKind: 'room',
  };
  await Promise.all([deps.rooms.createRoom(room, owner, context), deps.users.remember(caller)]);
  return toRoom(room);
}
