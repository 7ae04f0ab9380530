import { canonicalMessage, type Attachment, type Message } from '../domain/message';
import type { RecordedReaction } from '../domain/message-change';
import type { ReactionSummary } from '../domain/reactions';
import type { ThreadSummary } from '../domain/threads';

/**
 * A messages-table item: the Message plus `correlationId` of the request that last changed it. A reply keeps its
 * `seq` as `replySeq` (so the `bySeq` index, the room's top-level history, leaves it out) and its place in the
 * thread as `threadPosition` (`<threadId>#<seq, 16 digits>`, the `byThread` index); `threadAuthorId` is the
 * parent's sender (for the reply notification); `lastReaction` says which reaction change took the item's
 * `version` (the outbox publishes ReactionChanged from it).
 */
export type MessageItem = Omit<Message, 'seq'> & {
  seq?: number;
  correlationId?: string;
  replySeq?: number;
  threadPosition?: string;
  threadAuthorId?: string;
  /** The sender while the message is not a tombstone: the key of the sparse `bySender` index (erasure). */
  liveSender?: string;
};

const SEQ_DIGITS = 16;

/** A reply's key in the `byThread` index: its thread, then its seq (zero-padded, so text order is number order). */
export function threadPositionOf(threadId: string, seq: number): string {
  return `${threadId}#${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function attachmentsOf(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: Record<string, unknown>) => ({
    attachmentId: text(raw.attachmentId),
    fileName: text(raw.fileName),
    contentType: text(raw.contentType),
    size: Number(raw.size),
  }));
}

function reactionsOf(value: unknown): ReactionSummary[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: Record<string, unknown>) => ({
    reaction: text(raw.reaction),
    count: Number(raw.count),
    userIds: Array.isArray(raw.userIds) ? raw.userIds.map(String) : [],
  }));
}

function threadOf(value: unknown): ThreadSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const replyCount = positiveInteger(raw.replyCount);
  if (replyCount === undefined) return undefined;
  return {
    replyCount,
    lastReplyAt: text(raw.lastReplyAt),
    participantIds: Array.isArray(raw.participantIds) ? raw.participantIds.map(String) : [],
  };
}

function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** The Message of a messages-table item (a stream image or a read), without storage-only attributes. */
export function messageOfItem(item: Record<string, unknown>): Message {
  const clientMessageId = optionalText(item.clientMessageId);
  const editedAt = optionalText(item.editedAt);
  const deletedAt = optionalText(item.deletedAt);
  // Messages stored before room versions have neither (docs/decisions/004-room-versions.md).
  const seq = positiveInteger(item.seq) ?? positiveInteger(item.replySeq);
  const version = positiveInteger(item.version);
  const threadId = optionalText(item.threadId);
  const thread = threadOf(item.thread);
  return canonicalMessage({
    roomId: text(item.roomId),
    messageId: text(item.messageId),
    senderId: text(item.senderId),
    text: text(item.text),
    mentions: Array.isArray(item.mentions) ? item.mentions.map(String) : [],
    attachments: attachmentsOf(item.attachments),
    createdAt: text(item.createdAt),
    ...(clientMessageId === undefined ? {} : { clientMessageId }),
    ...(editedAt === undefined ? {} : { editedAt }),
    ...(deletedAt === undefined ? {} : { deletedAt }),
    ...(seq === undefined ? {} : { seq }),
    ...(version === undefined ? {} : { version }),
    reactions: reactionsOf(item.reactions),
    ...(threadId === undefined ? {} : { threadId }),
    ...(thread === undefined ? {} : { thread }),
  });
}

/** The item stored for a new message; a reply also gets its thread position and its parent's sender. */
export function itemOfMessage(message: Message, correlationId: string, threadAuthorId?: string): MessageItem {
  const { seq, ...canonical } = canonicalMessage(message);
  const stored = { ...canonical, liveSender: message.senderId };
  if (message.threadId === undefined || seq === undefined) {
    return { ...stored, ...(seq === undefined ? {} : { seq }), correlationId };
  }
  return {
    ...stored,
    replySeq: seq,
    threadPosition: threadPositionOf(message.threadId, seq),
    ...(threadAuthorId === undefined ? {} : { threadAuthorId }),
    correlationId,
  };
}

/** The parent's sender stored on a reply, if any. */
export function threadAuthorOfItem(item: Record<string, unknown>): string | undefined {
  return optionalText(item.threadAuthorId);
}

/** The reaction change recorded on an item, when it is the one that took the item's current version. */
export function lastReactionOfItem(item: Record<string, unknown> | undefined): RecordedReaction | undefined {
  const raw = item?.lastReaction;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { userId, reaction, change, version, at } = raw as Record<string, unknown>;
  const taken = positiveInteger(version);
  if (taken === undefined || taken !== positiveInteger(item?.version)) return undefined;
  if (change !== 'added' && change !== 'removed') return undefined;
  return { userId: text(userId), reaction: text(reaction), change, version: taken, at: text(at) };
}
