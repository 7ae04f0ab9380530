import type { PresenceStatus } from '@chat/events';
import { createLogger, type Logger } from '@chat/runtime';
import type { DeliveryContent } from '../../src/domain/delivery-content';
import type { Device, PushPlatform } from '../../src/domain/device';
import type { Notification } from '../../src/domain/notification';
import type { Channel, Preferences } from '../../src/domain/preferences';
import type { PresenceRecord } from '../../src/domain/presence';
import type {
  BlockReader,
  Clock,
  DeviceRegistry,
  Inbox,
  InboxEntry,
  MembershipReader,
  PreferencesStore,
  PresenceStore,
  PushEndpoints,
  RoomDirectory,
  RoomRecord,
  SubscriptionTarget,
  UserDirectory,
  UserRecord,
  UserTopics,
} from '../../src/use-cases/ports';

/** In-memory ports with the semantics the DynamoDB / SNS adapters promise, for use-case tests. */

export const silentLogger: Logger = createLogger({}, () => undefined);

export class FakeClock implements Clock {
  constructor(public current = new Date('2025-01-15T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Blocks in memory: `<blocker>|<blocked>`. */
export class FakeBlocks implements BlockReader {
  readonly pairs = new Set<string>();

  block(blockerId: string, blockedId: string): this {
    this.pairs.add(`${blockerId}|${blockedId}`);
    return this;
  }

  async blockersOf(blockedId: string, userIds: readonly string[]) {
    return new Set(userIds.filter((userId) => this.pairs.has(`${userId}|${blockedId}`)));
  }
}

export class FakeMemberships implements MembershipReader {
  private readonly rooms = new Map<string, string[]>();

  add(roomId: string, ...userIds: string[]): this {
    this.rooms.set(roomId, [...(this.rooms.get(roomId) ?? []), ...userIds]);
    return this;
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    return this.rooms.get(roomId)?.includes(userId) ?? false;
  }

  async membersPage(roomId: string, { limit }: { limit: number }): Promise<{ items: string[] }> {
    return { items: (this.rooms.get(roomId) ?? []).slice(0, limit) };
  }
}

export class FakePreferences implements PreferencesStore {
  readonly stored = new Map<string, Preferences & { updatedAt: string }>();
  /** How many times `get` was called. */
  reads = 0;

  set(userId: string, preferences: Partial<Preferences>): this {
    this.stored.set(userId, {
      email: true,
      push: true,
      mutedRoomIds: [],
      ...preferences,
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    return this;
  }

  async get(userId: string): Promise<Preferences | undefined> {
    this.reads += 1;
    const stored = this.stored.get(userId);
    if (!stored) return undefined;
    return { email: stored.email, push: stored.push, mutedRoomIds: [...stored.mutedRoomIds] };
  }

  async put(userId: string, preferences: Preferences, updatedAt: Date): Promise<void> {
    this.stored.set(userId, { ...preferences, updatedAt: updatedAt.toISOString() });
  }
}

export class FakePresence implements PresenceStore {
  readonly records = new Map<string, PresenceRecord>();

  async statusOf(userId: string): Promise<PresenceStatus | undefined> {
    return this.records.get(userId)?.status;
  }

  async record(record: PresenceRecord): Promise<void> {
    const current = this.records.get(record.userId);
    const seen = Date.parse(record.lastSeenAt);
    const currentSeen = current ? Date.parse(current.lastSeenAt) : -Infinity;
    if (seen > currentSeen || (seen === currentSeen && record.status === 'offline')) {
      this.records.set(record.userId, { ...record });
    }
  }
}

export class FakeInbox implements Inbox {
  readonly entries: InboxEntry[] = [];
  /** Fails the n-th add (1-based) once, to test retries. */
  failOnAdd?: number;
  private adds = 0;

  private keyOf(entry: InboxEntry): string {
    return `${entry.notification.createdAt}#${entry.notification.messageId}`;
  }

  async add(entry: InboxEntry): Promise<boolean> {
    this.adds += 1;
    if (this.failOnAdd === this.adds) throw new Error('inbox unavailable');
    const exists = this.entries.some(
      (e) => e.userId === entry.userId && e.notification.messageId === entry.notification.messageId,
    );
    if (exists) return false;
    this.entries.push(structuredClone(entry));
    return true;
  }

  async page(userId: string, limit: number, afterKey?: string) {
    const sorted = this.entries
      .filter((e) => e.userId === userId)
      .sort((a, b) => (this.keyOf(a) < this.keyOf(b) ? 1 : -1))
      .filter((e) => afterKey === undefined || this.keyOf(e) < afterKey);
    const items = sorted.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((e) => e.notification),
      ...(sorted.length > limit && last ? { next: this.keyOf(last) } : {}),
    };
  }
}

export class FakeUsers implements UserDirectory {
  readonly users = new Map<string, UserRecord>();

  async get(userId: string): Promise<UserRecord | undefined> {
    const user = this.users.get(userId);
    return user ? { ...user } : undefined;
  }

  async remember(user: { userId: string; username: string; email: string }): Promise<void> {
    this.users.set(user.userId, { ...this.users.get(user.userId), ...user });
  }

  async setTopic(userId: string, topicArn: string): Promise<void> {
    this.users.set(userId, { ...this.users.get(userId), userId, topicArn });
  }
}

export class FakeRooms implements RoomDirectory {
  readonly rooms = new Map<string, RoomRecord & { version: number }>();

  async get(roomId: string): Promise<RoomRecord | undefined> {
    const room = this.rooms.get(roomId);
    return room ? { roomId: room.roomId, name: room.name, kind: room.kind } : undefined;
  }

  async remember(room: RoomRecord, version: number): Promise<void> {
    const current = this.rooms.get(room.roomId);
    if (!current || current.version <= version) this.rooms.set(room.roomId, { ...room, version });
  }
}

export class FakeDevices implements DeviceRegistry {
  readonly devices = new Map<string, Device>();

  async put(device: Device): Promise<Device | undefined> {
    const previous = this.devices.get(device.deviceId);
    this.devices.set(device.deviceId, { ...device });
    return previous;
  }

  async listByUser(userId: string): Promise<Device[]> {
    return [...this.devices.values()]
      .filter((d) => d.userId === userId)
      .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  }

  async delete(deviceId: string, userId: string): Promise<void> {
    if (this.devices.get(deviceId)?.userId === userId) this.devices.delete(deviceId);
  }

  async setSubscription(deviceId: string, userId: string, subscriptionArn: string): Promise<void> {
    const device = this.devices.get(deviceId);
    if (device?.userId === userId) device.subscriptionArn = subscriptionArn;
  }
}

export interface PublishedNotification {
  topicArn: string;
  content: DeliveryContent;
  channels: Channel[];
  notification: Notification;
}

/** SNS topics per user; subscriptions keyed by (topic, protocol, endpoint) as SNS de-duplicates them. */
export class FakeUserTopics implements UserTopics {
  readonly topics = new Set<string>();
  readonly subscriptions = new Map<string, { topicArn: string; target: SubscriptionTarget }>();
  readonly published: PublishedNotification[] = [];
  failPublish = false;

  topicArnOf(userId: string): string {
    return `arn:aws:sns:us-east-1:000000000000:chat-notifications-test-user-${userId}`;
  }

  /** Simulates SNS losing the topic (and its subscriptions), as the in-memory local SNS does on a restart. */
  forget(topicArn: string): void {
    this.topics.delete(topicArn);
    for (const [arn, subscription] of this.subscriptions) {
      if (subscription.topicArn === topicArn) this.subscriptions.delete(arn);
    }
  }

  subscriptionsOf(topicArn: string): SubscriptionTarget[] {
    return [...this.subscriptions.values()].filter((s) => s.topicArn === topicArn).map((s) => s.target);
  }

  async ensureTopic(userId: string): Promise<string> {
    const arn = this.topicArnOf(userId);
    this.topics.add(arn);
    return arn;
  }

  async subscribe(topicArn: string, target: SubscriptionTarget): Promise<string> {
    if (!this.topics.has(topicArn)) throw new Error('NotFoundException: Topic does not exist');
    const arn = `${topicArn}:${target.protocol}:${target.endpoint}`;
    this.subscriptions.set(arn, { topicArn, target });
    return arn;
  }

  async unsubscribe(subscriptionArn: string): Promise<void> {
    this.subscriptions.delete(subscriptionArn);
  }

  async publish(
    topicArn: string,
    content: DeliveryContent,
    channels: Channel[],
    notification: Notification,
  ): Promise<boolean> {
    if (this.failPublish) throw new Error('SNS unavailable');
    if (!this.topics.has(topicArn)) return false;
    this.published.push({ topicArn, content, channels, notification });
    return true;
  }
}

export class FakePushEndpoints implements PushEndpoints {
  readonly endpoints = new Map<string, { platform: PushPlatform; token: string }>();

  async createEndpoint(platform: PushPlatform, token: string): Promise<string> {
    const arn = `arn:aws:sns:us-east-1:000000000000:endpoint/${platform}/app/${token}`;
    this.endpoints.set(arn, { platform, token });
    return arn;
  }

  async deleteEndpoint(endpointArn: string): Promise<void> {
    this.endpoints.delete(endpointArn);
  }
}
