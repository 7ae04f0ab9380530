import type { Clock, Logger, RateLimit, RateLimiter } from '@chat/runtime';
import type { HistoryWindow } from '../domain/cursor';
import type { Attachment, Message, NewMessage } from '../domain/message';
import type { MemberRole } from '../domain/permissions';
import type { ChangesPage } from '../domain/room-versions';
import type { ReactionChange, ReactionSummary } from '../domain/reactions';
import type { ThreadSummary } from '../domain/threads';
import type { ReadMarker, ReadPosition } from '../domain/read-markers';
import type { ReportPosition, ReportRecord } from '../domain/reports';

export type { Clock };

/** New ids: message ids sort chronologically within the process (monotonic ULIDs). */
export interface IdGenerator {
  messageId(): string;
  attachmentId(): string;
}

export interface Membership {
  roomId: string;
  userId: string;
  role: MemberRole;
}

/**
 * The rooms service's memberships, read directly (read-your-writes: a member who has just joined may post at
 * once; docs/decisions/003-membership-reads.md). Read-only; a membership rooms has marked for removal no longer
 * counts.
 */
export interface MembershipReader {
  /** The caller's membership, read consistently; undefined when not a member. */
  membershipOf(roomId: string, userId: string): Promise<Membership | undefined>;
  /** username → userId for those of `usernames` that are members of the room (the others are left out). */
  membersByUsername(roomId: string, usernames: readonly string[]): Promise<Map<string, string>>;
  /** A page of the user's rooms in roomId order (an index: eventually consistent; check with membershipOf). */
  roomsPage(
    userId: string,
    options: { after?: string; limit: number },
  ): Promise<{ items: string[]; next?: string }>;
  /** The first `limit` userIds of the room's members (a consistent Query): a DM's two members. */
  membersPage(roomId: string, options: { limit: number }): Promise<{ items: string[] }>;
}

/**
 * The rooms service's blocks, read directly (read-your-writes: a block that has returned is in force for the very
 * next post; docs/decisions/008-rate-limits-and-blocks.md). Read-only.
 */
export interface BlockReader {
  hasBlocked(blockerId: string, blockedId: string): Promise<boolean>;
}

/** The per-user rate limits of the service (stage parameters) and the limiter that counts them. */
export interface MessagingLimits {
  limiter: RateLimiter;
  /** Message sends, REST and WebSocket together. */
  send: RateLimit;
  reaction: RateLimit;
  attachment: RateLimit;
}

/**
 * The search index (docs/decisions/005-message-search.md): per room and term, the ids of the messages that have the
 * term. Kept by the messages table's stream; read by the search routes.
 */
export interface SearchIndex {
  /** Adds the message to the postings of `added` and removes it from those of `removed` (idempotent writes). */
  update(message: MessageKey, added: readonly string[], removed: readonly string[]): Promise<void>;
  /** The room's messages that have `term`, newest first (messageId order), below `before`, at most `limit`. */
  postings(
    roomId: string,
    term: string,
    options: { before?: string; limit: number },
  ): Promise<{ messageIds: string[]; hasMore: boolean }>;
}

export type CreateMessageOutcome =
  /** Stored, with the room version its creation took as `seq` and `version`. */
  | { outcome: 'created'; message: Message }
  /** The sender already sent this clientMessageId to this room: the stored message. */
  | { outcome: 'duplicate'; existing: Message }
  /** An attachment was claimed by another message (or vanished) between the checks and the write. */
  | { outcome: 'attachment-unavailable'; attachmentId: string };

export interface CreateOptions {
  /** Stored with the message for the events its stream produces. */
  correlationId: string;
  /** A reply's parent's sender, stored with the reply (MessageSent carries it for the reply notification). */
  threadAuthorId?: string;
}

export interface MessageKey {
  roomId: string;
  messageId: string;
}

/** One reaction change and the message's reactions after it. */
export interface ReactionWrite {
  userId: string;
  reaction: string;
  change: ReactionChange;
  reactions: ReactionSummary[];
  at: string;
}

export interface MessagePage {
  items: Message[];
  /** More messages exist beyond the last item in the page's direction. */
  hasMore: boolean;
}

export interface UnreadCount {
  count: number;
  /** True when counting stopped at the cap: there are at least `count`. */
  capped: boolean;
}

/** The messages table (its stream is the event outbox), with the idempotency keys of sends. */
export interface MessageStore {
  /**
   * Stores a new message with the room's next version as its `seq` and `version`, atomically with that version,
   * its clientMessageId key (when it has one) and the claim of each of its attachments: a duplicate or a refused
   * claim takes no version. `correlationId` is stored with it for the events its stream produces.
   */
  create(message: NewMessage, options: CreateOptions): Promise<CreateMessageOutcome>;
  findByClientMessageId(
    roomId: string,
    senderId: string,
    clientMessageId: string,
  ): Promise<Message | undefined>;
  get(roomId: string, messageId: string): Promise<Message | undefined>;
  /** The messages among `keys` that exist (BatchGetItem, consistent), in no particular order. */
  getMany(keys: readonly MessageKey[]): Promise<Message[]>;
  /** One page of the room's top-level history in `seq` order (a Query of the room's seq index), at most `limit` items. */
  page(roomId: string, window: HistoryWindow, limit: number): Promise<MessagePage>;
  /** One page of a thread's replies in `seq` order (a Query of the room's thread index), at most `limit` items. */
  threadPage(roomId: string, threadId: string, window: HistoryWindow, limit: number): Promise<MessagePage>;
  /**
   * Counts `reply` in its parent's thread summary (`summary`, computed from `parent` as read), once: 'counted';
   * 'already-counted' when this reply was counted before (a retried record); 'stale' when the parent's summary
   * changed since it was read (read again); 'no-parent' when the parent is gone.
   */
  countReply(
    parent: Message,
    reply: MessageKey,
    summary: ThreadSummary,
  ): Promise<'counted' | 'already-counted' | 'stale' | 'no-parent'>;
  /**
   * Sets text, mentions and editedAt, and the room's next version, when the message still exists, is not deleted
   * and was sent by `senderId`; undefined (and no version taken) when that no longer holds.
   */
  edit(
    current: Message,
    changes: { text: string; mentions: string[]; editedAt: string },
    options: { senderId: string; correlationId: string },
  ): Promise<Message | undefined>;
  /** Whether `userId` has `reaction` on the message (the per-user record, read consistently). */
  hasReaction(key: MessageKey, reaction: string, userId: string): Promise<boolean>;
  /** The first `limit` users (in userId order) who have `reaction` on the message. */
  reactors(key: MessageKey, reaction: string, limit: number): Promise<string[]>;
  /**
   * Stores one reaction change: the user's record (added, or removed), the message's new `reactions` and the
   * room's next version, in one transaction conditioned on the message being as read (its `version`) and not
   * deleted, and on the record being absent (add) or present (remove). 'stale' (nothing stored, no version
   * taken) when any of that no longer holds: read again and decide again.
   */
  react(
    current: Message,
    change: ReactionWrite,
    options: { correlationId: string },
  ): Promise<Message | 'stale'>;
  /** Makes the message a tombstone, taking the room's next version; false (no version taken) when it already was one. */
  tombstone(
    key: { roomId: string; messageId: string },
    options: { deletedAt: string; correlationId: string },
  ): Promise<boolean>;
  /** The room's latest version (0 before its first change), read consistently. */
  roomVersion(roomId: string): Promise<number>;
  /**
   * The messages whose latest change took a version in (since, upTo], ascending by version, at most `limit`
   * (a consistent Query of the room's version index): each message once, in its current state.
   */
  changes(roomId: string, range: { since: number; upTo: number }, limit: number): Promise<ChangesPage>;
  /**
   * Messages of the room after `afterMessageId` (all when undefined) that are not deleted and were not sent by
   * `excludeSenderId`, counted up to `cap`.
   */
  countAfter(
    roomId: string,
    afterMessageId: string | undefined,
    excludeSenderId: string,
    cap: number,
  ): Promise<UnreadCount>;
}

/** An upload slot: what was announced when the presigned PUT was handed out. */
export interface AttachmentRecord extends Attachment {
  roomId: string;
  uploaderId: string;
  createdAt: string;
  /** Set once a message references it (an attachment belongs to one message). */
  messageId?: string;
}

export interface AttachmentRecords {
  put(record: AttachmentRecord): Promise<void>;
  get(attachmentId: string): Promise<AttachmentRecord | undefined>;
  /** The records that exist among `attachmentIds`, by id. */
  getMany(attachmentIds: readonly string[]): Promise<Map<string, AttachmentRecord>>;
  remove(attachmentIds: readonly string[]): Promise<void>;
}

export interface StoredObject {
  size: number;
  contentType: string | undefined;
}

/** The attachments bucket. */
export interface ObjectStorage {
  /** A presigned PUT that only accepts exactly this content type and length. */
  presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
    expiresInSeconds: number;
  }): Promise<{ url: string; headers: Record<string, string> }>;
  presignDownload(input: {
    key: string;
    fileName: string;
    contentType: string;
    expiresInSeconds: number;
  }): Promise<string>;
  /** Size and type of the stored object; undefined when nothing was uploaded under `key`. */
  describe(key: string): Promise<StoredObject | undefined>;
  /** Copies the object at `from` to `to`; false (nothing copied) when there is none at `from`. */
  copy(from: string, to: string): Promise<boolean>;
  remove(keys: readonly string[]): Promise<void>;
}

/** Per user and room: the last message read (the read-markers table; its stream publishes ReadMarkerMoved). */
export interface ReadMarkers {
  get(userId: string, roomId: string): Promise<string | undefined>;
  /** roomId → lastReadMessageId of the user's markers among `roomIds` (one BatchGetItem per 100 rooms). */
  getMany(userId: string, roomIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Moves the marker to `position` unless it already is at or after it (it never moves back): by `seq` when the
   * marker and the position have one, else by messageId. True when it moved.
   */
  advance(
    userId: string,
    roomId: string,
    position: ReadPosition,
    at: Date,
    context: { correlationId: string },
  ): Promise<boolean>;
  /** A page of the room's markers in userId order (an index Query: eventually consistent). */
  ofRoom(
    roomId: string,
    limit: number,
    afterUserId?: string,
  ): Promise<{ items: ReadMarker[]; next?: string }>;
}

/** realtime's connections (connectionId → userId), read-only. */
export interface ConnectionDirectory {
  userOf(connectionId: string): Promise<string | undefined>;
}

export interface MessagingDependencies {
  clock: Clock;
  ids: IdGenerator;
  memberships: MembershipReader;
  messages: MessageStore;
  attachments: AttachmentRecords;
  objects: ObjectStorage;
  readMarkers: ReadMarkers;
  search: SearchIndex;
  logger: Logger;
  limits: MessagingLimits;
  blocks: BlockReader;
}

/** Members' reports of messages, one per reporter and message (the reports table). */
export interface ReportStore {
  /** Stores the report unless this reporter already reported this message ('exists': the first one stands). */
  add(report: ReportRecord, correlationId: string): Promise<'added' | 'exists'>;
  /** The room's reports, newest first, from after `after` (where a previous page ended). */
  page(
    roomId: string,
    limit: number,
    after?: ReportPosition,
  ): Promise<{ items: ReportRecord[]; next?: ReportPosition }>;
}

/** What a user holds here, found by key or index (never a Scan), for erasing a closed account. */
export interface UserContentIndex {
  /**
   * A page of the user's messages that are not tombstones (a sparse index: a tombstone leaves it), from after
   * `after` (the previous page's `next`). Eventually consistent: check each message as read.
   */
  messagesOf(userId: string, limit: number, after?: string): Promise<{ items: MessageKey[]; next?: string }>;
  /** A page of the user's reaction records (the reactions table's byUser index). */
  reactionsOf(
    userId: string,
    limit: number,
    after?: string,
  ): Promise<{ items: Array<MessageKey & { reaction: string }>; next?: string }>;
  /** Deletes one reaction record directly (its message is gone or a tombstone: no summary to change). */
  dropReaction(key: MessageKey, reaction: string, userId: string): Promise<void>;
  /** Deletes every read marker of the user (one partition of the read-markers table); how many there were. */
  dropReadMarkers(userId: string): Promise<number>;
}
