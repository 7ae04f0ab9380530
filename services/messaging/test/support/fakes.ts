import { inMemoryRateLimiter, rateLimit, type Logger } from '@chat/runtime';
import type { HistoryWindow } from '../../src/domain/cursor';
import { tombstoneOf, withCreationVersion, type Message, type NewMessage } from '../../src/domain/message';
import type { MemberRole } from '../../src/domain/permissions';
import type { ReadMarker, ReadPosition } from '../../src/domain/read-markers';
import type { ThreadSummary } from '../../src/domain/threads';
import type {
  AttachmentRecord,
  AttachmentRecords,
  BlockReader,
  Clock,
  ConnectionDirectory,
  CreateMessageOutcome,
  IdGenerator,
  MembershipReader,
  MessageKey,
  MessageStore,
  MessagingDependencies,
  MessagingLimits,
  ObjectStorage,
  ReactionWrite,
  ReadMarkers,
  SearchIndex,
  StoredObject,
} from '../../src/use-cases/ports';

/** In-memory ports with the semantics the DynamoDB/S3 adapters promise, for use-case tests. */

export class FakeClock implements Clock {
  constructor(public current = new Date('2025-01-15T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class SequentialIds implements IdGenerator {
  private count = 0;
  messageId(): string {
    this.count += 1;
    return `01JHF3P0000000000000${String(this.count).padStart(6, '0')}`;
  }
  attachmentId(): string {
    this.count += 1;
    return `01JHF3Q0000000000000${String(this.count).padStart(6, '0')}`;
  }
}

interface Member {
  userId: string;
  username: string;
  role: MemberRole;
}

export class FakeMemberships implements MembershipReader {
  readonly rooms = new Map<string, Member[]>();
  lookups: string[][] = [];

  add(roomId: string, member: Member): this {
    this.rooms.set(roomId, [...(this.rooms.get(roomId) ?? []), member]);
    return this;
  }

  async membershipOf(roomId: string, userId: string) {
    const member = this.rooms.get(roomId)?.find((m) => m.userId === userId);
    return member ? { roomId, userId, role: member.role } : undefined;
  }

  async membersByUsername(roomId: string, usernames: readonly string[]) {
    this.lookups.push([...usernames]);
    const found = new Map<string, string>();
    for (const member of this.rooms.get(roomId) ?? []) {
      if (usernames.includes(member.username)) found.set(member.username, member.userId);
    }
    return found;
  }

  async roomsPage(userId: string, options: { after?: string; limit: number }) {
    const all = [...this.rooms]
      .filter(
        ([roomId, members]) => members.some((m) => m.userId === userId) && roomId > (options.after ?? ''),
      )
      .map(([roomId]) => roomId)
      .sort();
    const items = all.slice(0, options.limit);
    return all.length > options.limit ? { items, next: items.at(-1) as string } : { items };
  }

  async membersPage(roomId: string, options: { limit: number }) {
    const ids = (this.rooms.get(roomId) ?? []).map((m) => m.userId).sort();
    return { items: ids.slice(0, options.limit) };
  }
}

/** Blocks in memory: `<blocker>|<blocked>`. */
export class FakeBlocks implements BlockReader {
  readonly pairs = new Set<string>();

  block(blockerId: string, blockedId: string): this {
    this.pairs.add(`${blockerId}|${blockedId}`);
    return this;
  }

  async hasBlocked(blockerId: string, blockedId: string) {
    return this.pairs.has(`${blockerId}|${blockedId}`);
  }
}

/** The contract's default limits on an in-memory limiter that follows the world's clock. */
export function fakeLimits(clock: Clock): MessagingLimits {
  return {
    limiter: inMemoryRateLimiter(() => clock.now().getTime()),
    send: rateLimit('send', 30, 10),
    reaction: rateLimit('reaction', 60, 10),
    attachment: rateLimit('attachment', 30, 60),
  };
}

/** The search index in memory: `<roomId>|<term>` → message ids. */
export class FakeSearchIndex implements SearchIndex {
  readonly postingsOf = new Map<string, Set<string>>();

  async update(message: MessageKey, added: readonly string[], removed: readonly string[]) {
    for (const term of added) {
      const key = `${message.roomId}|${term}`;
      this.postingsOf.set(key, (this.postingsOf.get(key) ?? new Set()).add(message.messageId));
    }
    for (const term of removed) this.postingsOf.get(`${message.roomId}|${term}`)?.delete(message.messageId);
  }

  async postings(roomId: string, term: string, options: { before?: string; limit: number }) {
    const ids = [...(this.postingsOf.get(`${roomId}|${term}`) ?? [])]
      .filter((id) => options.before === undefined || id < options.before)
      .sort()
      .reverse();
    return { messageIds: ids.slice(0, options.limit), hasMore: ids.length > options.limit };
  }
}

export class FakeMessageStore implements MessageStore {
  readonly messages = new Map<string, Message & { correlationId?: string }>();
  readonly clientKeys = new Map<string, string>();
  /** roomId → the room's latest version (its change counter). */
  readonly roomVersions = new Map<string, number>();
  /** When set, `create` reports this outcome instead of writing (a lost race). */
  nextCreateOutcome: CreateMessageOutcome | undefined;

  constructor(private readonly attachments?: FakeAttachmentRecords) {}

  private key(roomId: string, messageId: string) {
    return `${roomId}|${messageId}`;
  }

  /** Stores a message as given; one with a `seq` or `version` moves the room's counter up to it. */
  put(message: Message): void {
    this.messages.set(this.key(message.roomId, message.messageId), message);
    const highest = Math.max(
      message.seq ?? 0,
      message.version ?? 0,
      this.roomVersions.get(message.roomId) ?? 0,
    );
    this.roomVersions.set(message.roomId, highest);
  }

  all(roomId: string): Message[] {
    return [...this.messages.values()]
      .filter((m) => m.roomId === roomId)
      .sort((a, b) => a.messageId.localeCompare(b.messageId));
  }

  private takeVersion(roomId: string): number {
    const version = (this.roomVersions.get(roomId) ?? 0) + 1;
    this.roomVersions.set(roomId, version);
    return version;
  }

  async create(message: NewMessage, options: { correlationId: string }): Promise<CreateMessageOutcome> {
    if (this.nextCreateOutcome) {
      const outcome = this.nextCreateOutcome;
      this.nextCreateOutcome = undefined;
      return outcome;
    }
    const clientKey =
      message.clientMessageId === undefined
        ? undefined
        : `${message.roomId}|${message.senderId}|${message.clientMessageId}`;
    const existingId = clientKey === undefined ? undefined : this.clientKeys.get(clientKey);
    if (existingId !== undefined) {
      const existing = this.messages.get(this.key(message.roomId, existingId));
      if (existing) return { outcome: 'duplicate', existing };
    }
    for (const attachment of message.attachments) {
      const record = this.attachments?.records.get(attachment.attachmentId);
      if (!record || record.messageId !== undefined) {
        return { outcome: 'attachment-unavailable', attachmentId: attachment.attachmentId };
      }
    }
    for (const attachment of message.attachments) {
      const record = this.attachments?.records.get(attachment.attachmentId);
      if (record) record.messageId = message.messageId;
    }
    if (clientKey !== undefined) this.clientKeys.set(clientKey, message.messageId);
    const stored = withCreationVersion(message, this.takeVersion(message.roomId));
    this.messages.set(this.key(message.roomId, message.messageId), { ...stored, ...options });
    return { outcome: 'created', message: stored };
  }

  async findByClientMessageId(roomId: string, senderId: string, clientMessageId: string) {
    const messageId = this.clientKeys.get(`${roomId}|${senderId}|${clientMessageId}`);
    return messageId === undefined ? undefined : this.get(roomId, messageId);
  }

  async get(roomId: string, messageId: string) {
    return this.messages.get(this.key(roomId, messageId));
  }

  /** The room's messages in seq order (those without a seq are outside the index, as on DynamoDB). */
  private bySeq(roomId: string): Message[] {
    return this.all(roomId)
      .filter((m) => m.seq !== undefined && m.threadId === undefined)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }

  async page(roomId: string, window: HistoryWindow, limit: number) {
    const ascending = this.bySeq(roomId);
    const selected =
      window.kind === 'latest'
        ? ascending.reverse()
        : window.kind === 'before'
          ? ascending.filter((m) => (m.seq ?? 0) < window.seq).reverse()
          : ascending.filter((m) => (m.seq ?? 0) > window.seq);
    return { items: selected.slice(0, limit), hasMore: selected.length > limit };
  }

  async getMany(keys: readonly MessageKey[]) {
    return keys.flatMap((k) => {
      const found = this.messages.get(this.key(k.roomId, k.messageId));
      return found ? [found] : [];
    });
  }

  async threadPage(roomId: string, threadId: string, window: HistoryWindow, limit: number) {
    const ascending = this.all(roomId)
      .filter((m) => m.threadId === threadId && m.seq !== undefined)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const selected =
      window.kind === 'latest'
        ? ascending.reverse()
        : window.kind === 'before'
          ? ascending.filter((m) => (m.seq ?? 0) < window.seq).reverse()
          : ascending.filter((m) => (m.seq ?? 0) > window.seq);
    return { items: selected.slice(0, limit), hasMore: selected.length > limit };
  }

  /** Replies already counted in their thread summary. */
  readonly countedReplies = new Set<string>();

  async countReply(parent: Message, reply: MessageKey, summary: ThreadSummary) {
    const stored = this.messages.get(this.key(parent.roomId, parent.messageId));
    if (!stored) return 'no-parent' as const;
    const replyKey = this.key(reply.roomId, reply.messageId);
    if (this.countedReplies.has(replyKey)) return 'already-counted' as const;
    if (stored.thread?.replyCount !== parent.thread?.replyCount) return 'stale' as const;
    this.countedReplies.add(replyKey);
    this.messages.set(this.key(parent.roomId, parent.messageId), { ...stored, thread: summary });
    return 'counted' as const;
  }

  async roomVersion(roomId: string) {
    return this.roomVersions.get(roomId) ?? 0;
  }

  async changes(roomId: string, range: { since: number; upTo: number }, limit: number) {
    const selected = this.all(roomId)
      .filter((m) => m.version !== undefined && m.version > range.since && m.version <= range.upTo)
      .sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    return { items: selected.slice(0, limit), hasMore: selected.length > limit };
  }

  async edit(
    message: Message,
    changes: { text: string; mentions: string[]; editedAt: string },
    options: { senderId: string; correlationId: string },
  ) {
    const current = this.messages.get(this.key(message.roomId, message.messageId));
    if (!current || current.senderId !== options.senderId || current.deletedAt !== undefined)
      return undefined;
    const version = this.takeVersion(message.roomId);
    const edited = { ...current, ...changes, version, correlationId: options.correlationId };
    this.messages.set(this.key(message.roomId, message.messageId), edited);
    return edited;
  }

  async tombstone(
    key: { roomId: string; messageId: string },
    options: { deletedAt: string; correlationId: string },
  ) {
    const current = this.messages.get(this.key(key.roomId, key.messageId));
    if (!current || current.deletedAt !== undefined) return false;
    this.messages.set(this.key(key.roomId, key.messageId), {
      ...tombstoneOf(current, options.deletedAt),
      version: this.takeVersion(key.roomId),
      correlationId: options.correlationId,
    });
    return true;
  }

  /** `<roomId>|<messageId>|<reaction>` → the users who have that reaction, in userId order. */
  readonly reactionRecords = new Map<string, Set<string>>();

  private reactionKey(key: MessageKey, reaction: string): string {
    return `${key.roomId}|${key.messageId}|${reaction}`;
  }

  async hasReaction(key: MessageKey, reaction: string, userId: string) {
    return this.reactionRecords.get(this.reactionKey(key, reaction))?.has(userId) ?? false;
  }

  async reactors(key: MessageKey, reaction: string, limit: number) {
    return [...(this.reactionRecords.get(this.reactionKey(key, reaction)) ?? [])].sort().slice(0, limit);
  }

  async react(current: Message, write: ReactionWrite, options: { correlationId: string }) {
    const stored = this.messages.get(this.key(current.roomId, current.messageId));
    const users = this.reactionRecords.get(this.reactionKey(current, write.reaction)) ?? new Set<string>();
    const recordOk = write.change === 'added' ? !users.has(write.userId) : users.has(write.userId);
    if (!stored || stored.deletedAt !== undefined || stored.version !== current.version || !recordOk) {
      return 'stale' as const;
    }
    if (write.change === 'added') users.add(write.userId);
    else users.delete(write.userId);
    this.reactionRecords.set(this.reactionKey(current, write.reaction), users);
    const reacted = { ...stored, reactions: write.reactions, version: this.takeVersion(current.roomId) };
    this.messages.set(this.key(current.roomId, current.messageId), { ...reacted, ...options });
    return reacted;
  }

  async countAfter(roomId: string, afterMessageId: string | undefined, excludeSenderId: string, cap: number) {
    const count = this.all(roomId).filter(
      (m) =>
        (afterMessageId === undefined || m.messageId > afterMessageId) &&
        m.senderId !== excludeSenderId &&
        m.deletedAt === undefined,
    ).length;
    return count >= cap ? { count: cap, capped: true } : { count, capped: false };
  }
}

export class FakeAttachmentRecords implements AttachmentRecords {
  readonly records = new Map<string, AttachmentRecord>();

  async put(record: AttachmentRecord) {
    this.records.set(record.attachmentId, { ...record });
  }
  async get(attachmentId: string) {
    return this.records.get(attachmentId);
  }
  async getMany(attachmentIds: readonly string[]) {
    const found = new Map<string, AttachmentRecord>();
    for (const id of attachmentIds) {
      const record = this.records.get(id);
      if (record) found.set(id, record);
    }
    return found;
  }
  async remove(attachmentIds: readonly string[]) {
    for (const id of attachmentIds) this.records.delete(id);
  }
}

export class FakeObjectStorage implements ObjectStorage {
  readonly objects = new Map<string, StoredObject>();
  removeFails = false;

  async presignUpload(input: { key: string; contentType: string; size: number; expiresInSeconds: number }) {
    return {
      url: `https://bucket.example/${input.key}?expires=${input.expiresInSeconds}`,
      headers: { 'Content-Type': input.contentType, 'Content-Length': String(input.size) },
    };
  }
  async presignDownload(input: {
    key: string;
    fileName: string;
    contentType: string;
    expiresInSeconds: number;
  }) {
    return `https://bucket.example/${input.key}?download=${input.fileName}&expires=${input.expiresInSeconds}`;
  }
  async describe(key: string) {
    return this.objects.get(key);
  }
  async copy(from: string, to: string) {
    const object = this.objects.get(from);
    if (object) this.objects.set(to, { ...object });
    return object !== undefined;
  }
  async remove(keys: readonly string[]) {
    if (this.removeFails) throw new Error('S3 is down');
    for (const key of keys) this.objects.delete(key);
  }
}

export class FakeReadMarkers implements ReadMarkers {
  readonly markers = new Map<string, ReadMarker>();
  async get(userId: string, roomId: string) {
    return this.markers.get(`${userId}|${roomId}`)?.lastReadMessageId;
  }
  async getMany(userId: string, roomIds: readonly string[]) {
    const found = new Map<string, string>();
    for (const roomId of roomIds) {
      const marker = this.markers.get(`${userId}|${roomId}`);
      if (marker) found.set(roomId, marker.lastReadMessageId);
    }
    return found;
  }
  async advance(userId: string, roomId: string, position: ReadPosition, at: Date) {
    const current = this.markers.get(`${userId}|${roomId}`);
    const forward =
      current === undefined ||
      (position.seq !== null && current.lastReadSeq !== null
        ? current.lastReadSeq < position.seq
        : current.lastReadMessageId < position.messageId);
    if (!forward) return false;
    this.markers.set(`${userId}|${roomId}`, {
      roomId,
      userId,
      lastReadMessageId: position.messageId,
      lastReadSeq: position.seq,
      readAt: at.toISOString(),
    });
    return true;
  }
  async ofRoom(roomId: string, limit: number, afterUserId?: string) {
    const all = [...this.markers.values()]
      .filter((m) => m.roomId === roomId && (afterUserId === undefined || m.userId > afterUserId))
      .sort((a, b) => a.userId.localeCompare(b.userId));
    const items = all.slice(0, limit);
    const last = items[items.length - 1];
    return all.length > limit && last ? { items, next: last.userId } : { items };
  }
}

export class FakeConnections implements ConnectionDirectory {
  readonly users = new Map<string, string>();
  async userOf(connectionId: string) {
    return this.users.get(connectionId);
  }
}

export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  debug(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'debug', message, extra });
  }
  info(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, extra });
  }
  warn(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, extra });
  }
  error(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, extra });
  }
  child(): Logger {
    return this;
  }
}

export interface FakeWorld extends MessagingDependencies {
  clock: FakeClock;
  ids: SequentialIds;
  memberships: FakeMemberships;
  messages: FakeMessageStore;
  attachments: FakeAttachmentRecords;
  objects: FakeObjectStorage;
  readMarkers: FakeReadMarkers;
  search: FakeSearchIndex;
  logger: RecordingLogger;
  connections: FakeConnections;
  blocks: FakeBlocks;
}

/** A fresh in-memory world for one test. */
export function aWorld(): FakeWorld {
  const attachments = new FakeAttachmentRecords();
  const clock = new FakeClock();
  return {
    clock,
    ids: new SequentialIds(),
    memberships: new FakeMemberships(),
    messages: new FakeMessageStore(attachments),
    attachments,
    objects: new FakeObjectStorage(),
    readMarkers: new FakeReadMarkers(),
    search: new FakeSearchIndex(),
    logger: new RecordingLogger(),
    connections: new FakeConnections(),
    blocks: new FakeBlocks(),
    limits: fakeLimits(clock),
  };
}
