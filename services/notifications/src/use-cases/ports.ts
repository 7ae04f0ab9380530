import type { PresenceStatus } from '@chat/events';
import type { Clock, Page } from '@chat/runtime';
import type { DeliveryContent } from '../domain/delivery-content';
import type { Device, PushPlatform } from '../domain/device';
import type { Notification } from '../domain/notification';
import type { Channel, Preferences } from '../domain/preferences';
import type { PresenceRecord } from '../domain/presence';

/** The ports the use cases reach the world through; adapters implement them on DynamoDB and SNS. */

export type { Clock };

/**
 * Rooms' memberships table, read-only and strongly consistent (the read-your-writes rule); a membership rooms has
 * marked for removal no longer counts (docs/decisions/003-membership-reads.md).
 */
export interface MembershipReader {
  isMember(roomId: string, userId: string): Promise<boolean>;
  /** The first `limit` userIds of the room's members. */
  membersPage(roomId: string, options: { limit: number }): Promise<{ items: string[] }>;
}

/**
 * Rooms' blocks table, read-only and strongly consistent: a block that has returned is in force for the next
 * message (docs/decisions/008-rate-limits-and-blocks.md).
 */
export interface BlockReader {
  /** Those of `userIds` who have blocked `blockedId`. */
  blockersOf(blockedId: string, userIds: readonly string[]): Promise<Set<string>>;
}

export interface PreferencesStore {
  /** The stored preferences, or undefined when the user never set any (the defaults apply). */
  get(userId: string): Promise<Preferences | undefined>;
  put(userId: string, preferences: Preferences, updatedAt: Date): Promise<void>;
}

export interface PresenceStore {
  statusOf(userId: string): Promise<PresenceStatus | undefined>;
  /** Keeps `record` unless a later observation (by lastSeenAt) is stored. */
  record(record: PresenceRecord): Promise<void>;
}

/** Where a notification came from, for the events it causes (correlation). */
export interface Cause {
  eventId: string;
  correlationId: string;
}

export interface InboxEntry {
  userId: string;
  notification: Notification;
  cause: Cause;
  /**
   * The user's channel choices read when the notification was made (the read that checked the mute), so that its
   * delivery does not read the preferences again; absent on items written before it was kept.
   */
  channels?: ChannelChoices;
}

/** The part of the preferences a delivery needs. */
export type ChannelChoices = Pick<Preferences, 'email' | 'push'>;

/** A page of a user's notifications; `next`: the sort key of the last item when more may follow. */
export type InboxPage = Page<Notification, string>;

export interface Inbox {
  /** Writes the entry unless (userId, messageId) is already there: `false` when it was. */
  add(entry: InboxEntry): Promise<boolean>;
  /** The user's notifications, newest first, after `afterKey` when given. */
  page(userId: string, limit: number, afterKey?: string): Promise<InboxPage>;
}

/** A user as the service knows them from UserRegistered, plus their SNS topic once made. */
export interface UserRecord {
  userId: string;
  username?: string;
  email?: string;
  topicArn?: string;
}

export interface UserDirectory {
  get(userId: string): Promise<UserRecord | undefined>;
  remember(user: { userId: string; username: string; email: string }): Promise<void>;
  setTopic(userId: string, topicArn: string): Promise<void>;
}

export interface RoomRecord {
  roomId: string;
  name: string;
  kind: 'room' | 'dm';
}

export interface RoomDirectory {
  get(roomId: string): Promise<RoomRecord | undefined>;
  /** Keeps `room` unless a later version (epoch ms of the event) is stored. */
  remember(room: RoomRecord, version: number): Promise<void>;
}

export interface DeviceRegistry {
  /** Stores the device (keyed by deviceId) and returns what was stored under that id before. */
  put(device: Device): Promise<Device | undefined>;
  /** The user's devices, least recently registered first. */
  listByUser(userId: string): Promise<Device[]>;
  /** Forgets the device if it still belongs to `userId`. */
  delete(deviceId: string, userId: string): Promise<void>;
  setSubscription(deviceId: string, userId: string, subscriptionArn: string): Promise<void>;
}

/** What a user topic's subscription delivers. */
export type SubscriptionTarget =
  { protocol: 'email'; endpoint: string } | { protocol: 'application'; endpoint: string };

/** SNS: one topic per user; its subscriptions are filtered by the channel a message is sent on. */
export interface UserTopics {
  /** Creates (or finds) the user's topic and returns its ARN. */
  ensureTopic(userId: string): Promise<string>;
  /** Subscribes the target (idempotent), filtered to the channel it serves; returns the subscription ARN. */
  subscribe(topicArn: string, target: SubscriptionTarget): Promise<string>;
  unsubscribe(subscriptionArn: string): Promise<void>;
  /** Publishes to the topic for `channels`; `false` when the topic does not exist (any more). */
  publish(
    topicArn: string,
    content: DeliveryContent,
    channels: Channel[],
    notification: Notification,
  ): Promise<boolean>;
}

/** SNS mobile push: platform endpoints on the stage's platform applications. */
export interface PushEndpoints {
  createEndpoint(platform: PushPlatform, token: string): Promise<string>;
  deleteEndpoint(endpointArn: string): Promise<void>;
}

/** What the service keeps per user in its own tables, erased when the account is closed (by key, never a Scan). */
export interface RecipientData {
  /** Deletes every inbox item of the user (their partition); how many there were. */
  dropInbox(userId: string): Promise<number>;
  dropPreferences(userId: string): Promise<void>;
  /** The presence projection's item of the user. */
  dropPresence(userId: string): Promise<void>;
  /** The users projection's item (username, e-mail, topicArn): deleted last, it tells a re-run the topic. */
  dropUser(userId: string): Promise<void>;
}

/** SNS removals for a closed account (idempotent: what is gone already is fine). */
export interface SnsRemovals {
  /** Deletes the topic and, with it, every subscription of it. */
  deleteTopic(topicArn: string): Promise<void>;
}
