import * as z from 'zod';
import { ID_PATTERN } from '@chat/runtime';
import { BAN_REASON_MAX_LENGTH } from '@chat/events';
import { NAME_MAX_LENGTH, TOPIC_MAX_LENGTH } from './room';

/** Length in characters (Unicode code points), so an emoji counts as one. */
const length = (text: string) => [...text].length;

/** A room name: trimmed, 1 to 100 characters, no control characters. */
const roomName = z
  .string()
  .trim()
  .refine((name) => length(name) >= 1, { message: 'Must not be empty' })
  .refine((name) => length(name) <= NAME_MAX_LENGTH, { message: `At most ${NAME_MAX_LENGTH} characters` })
  .refine((name) => !/\p{Cc}/u.test(name), { message: 'Must not contain control characters' });

/** A topic: trimmed, at most 500 characters (empty clears it). */
const topic = z
  .string()
  .trim()
  .refine((text) => length(text) <= TOPIC_MAX_LENGTH, { message: `At most ${TOPIC_MAX_LENGTH} characters` });

/** Ids in bodies: opaque, but bounded and free of anything a key could not hold (paths: `idParam`). */
const userId = z.string().regex(ID_PATTERN, { message: 'Must be a user id' });

export const createRoomBody = z.strictObject({
  name: roomName,
  visibility: z.enum(['public', 'private']),
  topic: topic.optional(),
});

export const updateRoomBody = z
  .strictObject({ name: roomName.optional(), topic: topic.optional() })
  .refine((body) => body.name !== undefined || body.topic !== undefined, {
    message: 'Give name, topic or both',
  });

/** `{}` joins the caller; `{userId}` adds someone. */
export const addMemberBody = z.strictObject({ userId: userId.optional() });

export const changeRoleBody = z.strictObject({ role: z.enum(['admin', 'member']) });

export const openDirectMessageBody = z.strictObject({ userId });

/** A ban's reason: trimmed, at most 500 characters, no control characters but line breaks; blank: none. */
const banReason = z
  .string()
  .trim()
  .refine((text) => length(text) <= BAN_REASON_MAX_LENGTH, {
    message: `At most ${BAN_REASON_MAX_LENGTH} characters`,
  })
  .refine((text) => !/[^\P{Cc}\n]/u.test(text), { message: 'Must not contain control characters' });

/** `PUT /rooms/{roomId}/bans/{userId}`: `{reason?}` (the body itself may be left out). */
export const banBody = z.strictObject({ reason: banReason.nullable().optional() });
