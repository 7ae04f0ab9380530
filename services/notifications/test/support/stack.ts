import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { api } from '../../../../tools/local/test/support/api';
import { createEventPublisher, type EventEnvelope } from '@chat/events';
import type { PublishedEvent } from '../../../../tools/local/src/cloud/eventbridge/types';
import type { SnsDelivery } from '../../../../tools/local/src/cloud/sns/types';
import { localStack } from '../../../../tools/local/test/support/local-stack';
import { type SignedInUser } from '../../../../tools/local/test/support/users';

/** Helpers for integration tests against the running local stack (started by the jest global setup). */

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const STAGE = 'local';

export { api, type ApiResponse, type ErrorBody } from '../../../../tools/local/test/support/api';

/** `api` that must answer `status`; returns the body. */
export async function expectStatus<T>(
  status: number,
  method: string,
  path: string,
  options: { user?: SignedInUser; body?: unknown } = {},
): Promise<T> {
  const response = await api<T>(method, path, options);
  if (response.status !== status) {
    throw new Error(
      `${method} ${path} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the local SNS delivered (`GET /_local/sns/deliveries`), filtered by endpoint and protocol. */
export async function snsDeliveries(
  filter: { endpoint?: string; protocol?: string } = {},
): Promise<SnsDelivery[]> {
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][],
  );
  const response = await fetch(`${localStack().http}/_local/sns/deliveries?${query.toString()}`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET /_local/sns/deliveries answered ${response.status}`);
  return ((await response.json()) as { items: SnsDelivery[] }).items;
}

/** The e-mails SNS delivered to `address` whose text contains `marker`. */
export async function emailsTo(address: string, marker: string): Promise<SnsDelivery[]> {
  return (await snsDeliveries({ endpoint: address, protocol: 'email' })).filter((d) =>
    d.message.includes(marker),
  );
}

/** The events the local EventBridge accepted for one detail-type, oldest first. */
export async function busEvents(detailType: string): Promise<PublishedEvent[]> {
  const response = await fetch(
    `${localStack().eventBridge}/_local/events?detailType=${encodeURIComponent(detailType)}`,
    { signal: AbortSignal.timeout(10_000) },
  );
  if (!response.ok) throw new Error(`GET /_local/events answered ${response.status}`);
  return ((await response.json()) as { items: PublishedEvent[] }).items;
}

const dataOf = (entry: PublishedEvent) => (entry.event.detail as { data: Record<string, unknown> }).data;
const eventIdOf = (entry: PublishedEvent) =>
  (entry.event.detail as { metadata: { eventId: string } }).metadata.eventId;

/**
 * Waits until every accepted event of `detailType` whose data matches `filter` (at least `count` of them) has
 * been handled by `target` (`<service>.<function>`), and returns them; a failed delivery fails the wait.
 */
export function handledBy(
  target: string,
  detailType: string,
  filter: (data: Record<string, unknown>) => boolean,
  count = 1,
): Promise<PublishedEvent[]> {
  return eventually(`${count} ${detailType} handled by ${target}`, async () => {
    const matching = (await busEvents(detailType)).filter((entry) => filter(dataOf(entry)));
    const deliveries = matching.map((entry) => entry.deliveries.find((d) => d.target === target));
    const failed = deliveries.find((d) => d?.status === 'failed');
    if (failed) throw new Error(`${detailType} failed in ${target}: ${failed.error}`);
    const done = matching.length >= count && deliveries.every((d) => d?.status === 'succeeded');
    return done ? matching : undefined;
  });
}

/** The MessageSent of a message, once notifications' notifyMentions has handled it. */
export const messageSentHandled = (messageId: string) =>
  handledBy('notifications.notifyMentions', 'MessageSent', (data) => data.messageId === messageId);

/** Waits until notifications has taken in the user's UserRegistered (it knows their username and e-mail). */
export const knownToNotifications = (userId: string) =>
  handledBy('notifications.rememberUser', 'UserRegistered', (data) => data.userId === userId);

/** Waits until notifications has taken in the RoomCreated of a room (it knows the room's name). */
export const roomKnownToNotifications = (roomId: string) =>
  handledBy('notifications.rememberRoom', 'RoomCreated', (data) => data.roomId === roomId);

/** The NotificationRequested events published for (user, message). */
export async function notificationRequests(userId: string, messageId: string): Promise<PublishedEvent[]> {
  return (await busEvents('NotificationRequested')).filter((entry) => {
    const data = dataOf(entry);
    return data.userId === userId && data.messageId === messageId;
  });
}

export { eventIdOf };

let publisher: ReturnType<typeof createEventPublisher> | undefined;

/** Puts events on the stage bus with the real EventBridge client, as a producer service would. */
export async function putOnBus(...events: EventEnvelope[]): Promise<void> {
  publisher ??= createEventPublisher({
    client: new EventBridgeClient({
      endpoint: localStack().eventBridge,
      region: localStack().region,
      credentials: CREDENTIALS,
    }),
    eventBusName: `chat-${STAGE}`,
  });
  const { failed } = await publisher.publish(events);
  if (failed.length > 0)
    throw new Error(`PutEvents failed: ${JSON.stringify(failed.map((f) => f.errorCode))}`);
}

// Rooms, DMs and messages through the REST API of the rooms and messaging services.

export interface Room {
  roomId: string;
  name: string;
}

export function createRoom(
  owner: SignedInUser,
  name: string,
  visibility: 'public' | 'private' = 'public',
): Promise<Room> {
  return expectStatus<Room>(201, 'POST', '/rooms', { user: owner, body: { name, visibility } });
}

export async function join(roomId: string, user: SignedInUser): Promise<void> {
  await expectStatus(200, 'POST', `/rooms/${roomId}/members`, { user, body: {} });
}

export async function openDm(user: SignedInUser, otherUserId: string): Promise<Room> {
  const response = await api<Room>('POST', '/dms', { user, body: { userId: otherUserId } });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`POST /dms answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export interface SentMessage {
  roomId: string;
  messageId: string;
  mentions: string[];
  createdAt: string;
}

export function sendMessage(roomId: string, sender: SignedInUser, text: string): Promise<SentMessage> {
  return expectStatus<SentMessage>(201, 'POST', `/rooms/${roomId}/messages`, {
    user: sender,
    body: { text },
  });
}

export interface Notification {
  notificationId: string;
  kind: 'mention' | 'dm';
  roomId: string;
  messageId: string;
  fromUserId: string;
  preview: string;
  createdAt: string;
}

export async function inboxOf(
  user: SignedInUser,
  query = '',
): Promise<{ items: Notification[]; nextCursor: string | null }> {
  return expectStatus(200, 'GET', `/notifications${query}`, { user });
}
