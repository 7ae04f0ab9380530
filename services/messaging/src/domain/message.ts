import type { Attachment, Message } from '@chat/events';

export type { Attachment, Message };

/** Longest message text (API.md: 1 to 4,000 characters; empty only when attachments are given). */
export const MAX_TEXT_LENGTH = 4000;
/** Attachments one message may reference. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/**
 * The text rule of a message: at most 4,000 characters (UTF-16 code units, as the event contract counts them),
 * and not blank unless it carries attachments.
 */
export function textProblem(text: string, attachmentCount: number): string | undefined {
  if (text.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  if (text.trim() === '' && attachmentCount === 0) return 'must not be empty when there are no attachments';
  return undefined;
}

/** What a deleted message keeps: its identity, times and thread; text, mentions, attachments and reactions are gone. */
export function tombstoneOf(message: Message, deletedAt: string): Message {
  return { ...message, text: '', mentions: [], attachments: [], reactions: [], deletedAt };
}

export function isDeleted(message: Message): boolean {
  return message.deletedAt !== undefined;
}

/** A message about to be stored: its `seq` and `version` are the room version its write takes. */
export type NewMessage = Omit<Message, 'seq' | 'version'>;

/** The stored message: creation took room version `version`, which is also its `seq`. */
export function withCreationVersion(message: NewMessage, version: number): Message {
  return { ...message, seq: version, version };
}

/**
 * The message with its fields in the contract's order and without unset optionals, so every answer that
 * carries the same stored message (a send and its retries, history, events) serializes identically.
 */
export function canonicalMessage(message: Message): Message {
  const canonical: Message = {
    roomId: message.roomId,
    messageId: message.messageId,
    senderId: message.senderId,
    text: message.text,
    mentions: [...message.mentions],
    attachments: message.attachments.map((a) => ({
      attachmentId: a.attachmentId,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
    })),
    createdAt: message.createdAt,
  };
  if (message.clientMessageId !== undefined) canonical.clientMessageId = message.clientMessageId;
  if (message.editedAt !== undefined) canonical.editedAt = message.editedAt;
  if (message.deletedAt !== undefined) canonical.deletedAt = message.deletedAt;
  if (message.seq !== undefined) canonical.seq = message.seq;
  if (message.version !== undefined) canonical.version = message.version;
  canonical.reactions = (message.reactions ?? []).map((r) => ({
    reaction: r.reaction,
    count: r.count,
    userIds: [...r.userIds],
  }));
  if (message.threadId !== undefined) canonical.threadId = message.threadId;
  if (message.thread !== undefined) {
    const { replyCount, lastReplyAt, participantIds } = message.thread;
    canonical.thread = { replyCount, lastReplyAt, participantIds: [...participantIds] };
  }
  return canonical;
}
