import type { Logger } from '@chat/runtime';
import type { HistoryWindow } from '../../src/domain/cursor';
import { tombstoneOf, type Message } from '../../src/domain/message';
import type { MemberRole } from '../../src/domain/permissions';
import type {
  AttachmentRecord,
  AttachmentRecords,
  Clock,
  ConnectionDirectory,
  CreateMessageOutcome,
  IdGenerator,
  MembershipReader,
  MessageStore,
  MessagingDependencies,
  ObjectStorage,
  ReadMarkers,
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
}

export class FakeMessageStore implements MessageStore {
  readonly messages = new Map<string, Message & { correlationId?: string }>();
  readonly clientKeys = new Map<string, string>();
  /** When set, `create` reports this outcome instead of writing (a lost race). */
  nextCreateOutcome: CreateMessageOutcome | undefined;

  constructor(private readonly attachments?: FakeAttachmentRecords) {}

  private key(roomId: string, messageId: string) {
    return `${roomId}|${messageId}`;
  }

  put(message: Message): void {
    this.messages.set(this.key(message.roomId, message.messageId), message);
  }

  all(roomId: string): Message[] {
    return [...this.messages.values()]
      .filter((m) => m.roomId === roomId)
      .sort((a, b) => a.messageId.localeCompare(b.messageId));
  }

  async create(message: Message, options: { correlationId: string }): Promise<CreateMessageOutcome> {
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
    this.messages.set(this.key(message.roomId, message.messageId), { ...message, ...options });
    return { outcome: 'created' };
  }

  async findByClientMessageId(roomId: string, senderId: string, clientMessageId: string) {
    const messageId = this.clientKeys.get(`${roomId}|${senderId}|${clientMessageId}`);
    return messageId === undefined ? undefined : this.get(roomId, messageId);
  }

  async get(roomId: string, messageId: string) {
    return this.messages.get(this.key(roomId, messageId));
  }

  async page(roomId: string, window: HistoryWindow, limit: number) {
    const ascending = this.all(roomId);
    const selected =
      window.kind === 'latest'
        ? ascending.reverse()
        : window.kind === 'before'
          ? ascending.filter((m) => m.messageId < window.messageId).reverse()
          : ascending.filter((m) => m.messageId > window.messageId);
    return { items: selected.slice(0, limit), hasMore: selected.length > limit };
  }

  async edit(
    key: { roomId: string; messageId: string },
    changes: { text: string; mentions: string[]; editedAt: string },
    options: { senderId: string; correlationId: string },
  ) {
    const current = this.messages.get(this.key(key.roomId, key.messageId));
    if (!current || current.senderId !== options.senderId || current.deletedAt !== undefined)
      return undefined;
    const edited = { ...current, ...changes, correlationId: options.correlationId };
    this.messages.set(this.key(key.roomId, key.messageId), edited);
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
      correlationId: options.correlationId,
    });
    return true;
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
  async remove(keys: readonly string[]) {
    if (this.removeFails) throw new Error('S3 is down');
    for (const key of keys) this.objects.delete(key);
  }
}

export class FakeReadMarkers implements ReadMarkers {
  readonly markers = new Map<string, string>();
  async get(userId: string, roomId: string) {
    return this.markers.get(`${userId}|${roomId}`);
  }
  async advance(userId: string, roomId: string, messageId: string) {
    const current = this.markers.get(`${userId}|${roomId}`);
    if (current === undefined || current < messageId) this.markers.set(`${userId}|${roomId}`, messageId);
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
  logger: RecordingLogger;
  connections: FakeConnections;
}

/** A fresh in-memory world for one test. */
export function aWorld(): FakeWorld {
  const attachments = new FakeAttachmentRecords();
  return {
    clock: new FakeClock(),
    ids: new SequentialIds(),
    memberships: new FakeMemberships(),
    messages: new FakeMessageStore(attachments),
    attachments,
    objects: new FakeObjectStorage(),
    readMarkers: new FakeReadMarkers(),
    logger: new RecordingLogger(),
    connections: new FakeConnections(),
  };
}
