import * as z from 'zod';
import { idSchema, isoTimeSchema, memberRoleSchema, roomSchema } from '@chat/events';

/** Response bodies of the rooms routes (docs/openapi.json is generated from these and requests.ts). */

/** `Room` = `{roomId, kind, name, topic, visibility, ownerId, memberCount, createdAt}`. */
export const roomResponse = roomSchema;

/** `Member`, plus the member's `username` (an additive field). */
export const memberResponse = z.object({
  roomId: idSchema,
  userId: idSchema,
  username: z.string(),
  role: memberRoleSchema,
  joinedAt: isoTimeSchema,
});

/** An opaque cursor for the next page, `null` at the end. */
const nextCursor = z.string().nullable();

/** `GET /rooms` → 200: public rooms. */
export const roomPageResponse = z.object({ items: z.array(roomResponse), nextCursor });

/** `lastMessage` of a room of `GET /rooms/mine`. */
export const lastMessageResponse = z.object({
  messageId: idSchema,
  seq: z.number().int().positive().nullable(),
  senderId: idSchema,
  /** The first 140 characters of the text; `""` for a tombstone. */
  preview: z.string(),
  createdAt: isoTimeSchema,
});

/** A room of the caller's room list: the `Room` and its latest activity. */
export const myRoomResponse = roomResponse.extend({
  lastMessage: lastMessageResponse.nullable(),
  lastActivityAt: isoTimeSchema.nullable(),
});

/** `GET /rooms/mine` → 200, most recent activity first. */
export const myRoomsResponse = z.object({ items: z.array(myRoomResponse) });

/** `GET /rooms/{roomId}/members` → 200. */
export const memberPageResponse = z.object({ items: z.array(memberResponse), nextCursor });

/** A room's ban: `{userId, bannedBy, reason, createdAt}`. */
export const banResponse = z.object({
  userId: idSchema,
  bannedBy: idSchema,
  reason: z.string().nullable(),
  createdAt: isoTimeSchema,
});

/** `GET /rooms/{roomId}/bans` → 200. */
export const banPageResponse = z.object({ items: z.array(banResponse), nextCursor });

/** `GET /users/me/blocks`: the users the caller blocked, with when. */
export const blockResponse = z.object({ userId: idSchema, createdAt: isoTimeSchema });
export const blockPageResponse = z.object({ items: z.array(blockResponse), nextCursor });
