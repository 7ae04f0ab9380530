import * as z from 'zod';

/**
 * Shapes shared by several events, matching API.md exactly. Ids are opaque non-empty strings; times are
 * ISO-8601 UTC strings (`2025-01-15T10:00:00.000Z`, the `Z` is required).
 */

/** An opaque identifier (userId, roomId, messageId, ...). */
export const idSchema = z.string().min(1);
/** An ISO-8601 UTC timestamp such as `2025-01-15T10:00:00.000Z`. */
export const isoTimeSchema = z.iso.datetime();

/** 3 to 32 of `a-z 0-9 _ . -`, lower-case. */
export const usernameSchema = z.string().regex(/^[a-z0-9_.-]{3,32}$/, {
  message: 'must be 3 to 32 characters of a-z 0-9 _ . -',
});

export const memberRoleSchema = z.enum(['owner', 'admin', 'member']);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const presenceStatusSchema = z.enum(['online', 'offline']);
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;

/** `Room` = `{roomId, kind, name, topic, visibility, ownerId, memberCount, createdAt}`. */
export const roomSchema = z.object({
  roomId: idSchema,
  kind: z.enum(['room', 'dm']),
  name: z.string(),
  /** Empty string when the room has no topic. */
  topic: z.string(),
  visibility: z.enum(['public', 'private']),
  ownerId: idSchema,
  memberCount: z.number().int().nonnegative(),
  createdAt: isoTimeSchema,
});
export type Room = z.infer<typeof roomSchema>;

/** Largest attachment the API accepts: 25 MiB. */
export const maxAttachmentBytes = 25 * 1024 * 1024;

/** `Attachment` = `{attachmentId, fileName, contentType, size}`. */
export const attachmentSchema = z.object({
  attachmentId: idSchema,
  fileName: z.string().min(1),
  contentType: z.string().min(1),
  size: z.number().int().nonnegative().max(maxAttachmentBytes),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** Longest message text the API accepts. */
export const maxMessageTextLength = 4000;

/** A room version: the number a change of the room's messages took (1, 2, 3 … gap-free per room). */
export const roomVersionSchema = z.number().int().positive();

/** Most distinct reactions one message carries (API.md "Reactions"). */
export const maxReactionsPerMessage = 20;
/** Most userIds a reaction lists; its `count` stays exact beyond that. */
export const maxReactionUserIds = 100;

/** One reaction of a message: `{reaction, count, userIds}` (`userIds`: up to 100 of the `count` users). */
export const reactionSummarySchema = z.object({
  reaction: z.string().min(1),
  count: z.number().int().positive(),
  userIds: z.array(idSchema).max(maxReactionUserIds),
});
export type ReactionSummary = z.infer<typeof reactionSummarySchema>;

/** Most participant ids a thread summary lists. */
export const maxThreadParticipantIds = 10;

/** A parent message's thread: `{replyCount, lastReplyAt, participantIds}` (kept by a projection, no version). */
export const threadSummarySchema = z.object({
  replyCount: z.number().int().positive(),
  lastReplyAt: isoTimeSchema,
  participantIds: z.array(idSchema).max(maxThreadParticipantIds),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

/**
 * `Message` = `{roomId, messageId, senderId, text, mentions, attachments, clientMessageId?, createdAt,
 * editedAt?, deletedAt?, seq?, version?, reactions?, threadId?, thread?}`. `text` may be empty (attachments only, or a deleted message's
 * tombstone). `seq` is the room version its creation took (the room's order), `version` the room version of its
 * latest change; both are set on every message stored since room versions exist (optional in the schema so the
 * change stays compatible with version 1 of the events that carry a Message).
 */
export const messageSchema = z.object({
  roomId: idSchema,
  messageId: idSchema,
  senderId: idSchema,
  text: z.string().max(maxMessageTextLength),
  mentions: z.array(idSchema),
  attachments: z.array(attachmentSchema),
  clientMessageId: idSchema.optional(),
  createdAt: isoTimeSchema,
  editedAt: isoTimeSchema.optional(),
  deletedAt: isoTimeSchema.optional(),
  seq: roomVersionSchema.optional(),
  version: roomVersionSchema.optional(),
  /** The reactions, `[]` when none (optional in the schema: added to version 1 of the events). */
  reactions: z.array(reactionSummarySchema).max(maxReactionsPerMessage).optional(),
  /** A reply's thread: the messageId of its top-level parent in the same room. */
  threadId: idSchema.optional(),
  /** A parent's thread summary, once it has replies. */
  thread: threadSummarySchema.optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** What a notification is about: a mention, a DM while offline, or a reply to one's message. */
export const notificationKindSchema = z.enum(['mention', 'dm', 'reply']);

/** `Notification` = `{notificationId, kind, roomId, messageId, fromUserId, preview, createdAt}`. */
export const notificationSchema = z.object({
  notificationId: idSchema,
  kind: notificationKindSchema,
  roomId: idSchema,
  messageId: idSchema,
  fromUserId: idSchema,
  preview: z.string(),
  createdAt: isoTimeSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

/**
 * The `Notification` of NotificationRequested version 1, whose `kind` is `mention` or `dm` only (a reply
 * notification is published as version 2 alone).
 */
export const notificationV1Schema = notificationSchema.extend({ kind: z.enum(['mention', 'dm']) });
