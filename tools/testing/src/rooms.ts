import { randomBytes } from 'node:crypto';
import { api, expectStatus, type ApiResponse } from './api';
import { signedInUsers, type SignedInUser } from './users';

/** Rooms, DMs and messages through the stack's REST API, for the integration tests of every service. */

type Caller = Pick<SignedInUser, 'accessToken'>;

export interface RoomBody {
  roomId: string;
  kind: 'room' | 'dm';
  name: string;
  topic: string;
  visibility: 'public' | 'private';
  ownerId: string;
  memberCount: number;
  createdAt: string;
}

export interface RoomOverrides {
  name?: string;
  visibility?: 'public' | 'private';
  topic?: string;
}

/** A name no other test uses. */
export const uniqueRoomName = (prefix = 'room') => `${prefix} ${randomBytes(4).toString('hex')}`;

/** Creates a room as `owner` (public, with a unique name, unless overridden); anything but 201 fails. */
export function createRoom(
  owner: Caller,
  overrides: RoomOverrides = {},
  headers?: Record<string, string>,
): Promise<RoomBody> {
  return expectStatus<RoomBody>(201, 'POST', '/rooms', {
    user: owner,
    body: {
      name: overrides.name ?? uniqueRoomName(),
      visibility: overrides.visibility ?? 'public',
      ...overrides,
    },
    ...(headers ? { headers } : {}),
  });
}

/** `user` joins a public room; anything but 200 fails. */
export async function joinRoom(roomId: string, user: Caller): Promise<void> {
  await expectStatus(200, 'POST', `/rooms/${roomId}/members`, { user, body: {} });
}

/** `user` leaves the room, or (`by` given) is removed from it by `by`; anything but 204 fails. */
export async function leaveRoom(
  roomId: string,
  user: Pick<SignedInUser, 'userId' | 'accessToken'>,
  by: Caller = user,
): Promise<void> {
  await expectStatus(204, 'DELETE', `/rooms/${roomId}/members/${user.userId}`, { user: by });
}

/** Opens (or finds) the DM of `user` with another user. */
export function openDm(user: Caller, otherUserId: string): Promise<RoomBody> {
  return expectStatus<RoomBody>([200, 201], 'POST', '/dms', { user, body: { userId: otherUserId } });
}

export interface TestRoom {
  roomId: string;
  owner: SignedInUser;
  members: SignedInUser[];
}

/** A new public room of a new owner, which `memberCount` other new users join. */
export async function aRoomWithMembers(memberCount = 1, overrides: RoomOverrides = {}): Promise<TestRoom> {
  const [owner, ...members] = await signedInUsers(memberCount + 1);
  if (!owner) throw new Error('no owner');
  const { roomId } = await createRoom(owner, overrides);
  for (const member of members) await joinRoom(roomId, member);
  return { roomId, owner, members };
}

/** The fields of a stored message every test reads (the messaging service answers the whole message). */
export interface SentMessage {
  roomId: string;
  messageId: string;
  senderId: string;
  text: string;
  mentions: string[];
  createdAt: string;
}

/** POST /rooms/{roomId}/messages as `user`, whatever it answers. */
export function postMessage<T = SentMessage>(
  roomId: string,
  user: Caller,
  body: Record<string, unknown>,
): Promise<ApiResponse<T>> {
  return api<T>('POST', `/rooms/${roomId}/messages`, { user, body });
}

/** Sends a message that must be stored (201); returns it. */
export function sendMessage<T = SentMessage>(roomId: string, user: Caller, text: string): Promise<T> {
  return expectStatus<T>(201, 'POST', `/rooms/${roomId}/messages`, { user, body: { text } });
}
