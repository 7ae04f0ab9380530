import type { PresenceChanged } from '@chat/events';
import type { ConnectionChange } from '../use-cases/ports';
import { ID_RULE, isId } from '@chat/runtime';
import { PRESENCE_SUMMARY_KEY } from './presence-filters';

/** The parts of a connections-table stream record presence tracking reads. */
export interface ConnectionStreamRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' | undefined;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  /** `userIdentity.principalId`: `dynamodb.amazonaws.com` on a REMOVE made by DynamoDB's TTL. */
  removedBy?: string;
}

const text = (image: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = image?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * What a connections-table stream record means for presence: INSERT opened a connection (at its handshake),
 * REMOVE closed one ($disconnect or a 410 clean-up: now, when the record is read, moments after), MODIFY (a TTL
 * refresh) changes nothing. A record removed because it expired (DynamoDB's TTL, or the local sweeper: its
 * `expiresAt` has passed) counts as closed at its last activity, so `lastSeenAt` is when the client was last
 * heard. (ApproximateCreationDateTime is too coarse to use: DynamoDB Local rounds it to the minute.)
 */
export function connectionChangeOf(record: ConnectionStreamRecord, now: Date): ConnectionChange | undefined {
  if (record.eventName === 'INSERT') {
    const connectionId = text(record.newImage, 'connectionId');
    const userId = text(record.newImage, 'userId');
    if (!connectionId || !userId) return undefined;
    return {
      kind: 'opened',
      connectionId,
      userId,
      at: text(record.newImage, 'connectedAt') ?? now.toISOString(),
    };
  }
  if (record.eventName === 'REMOVE') {
    const connectionId = text(record.oldImage, 'connectionId');
    const userId = text(record.oldImage, 'userId');
    if (!connectionId || !userId) return undefined;
    const expiresAt = record.oldImage?.expiresAt;
    const expired =
      record.removedBy === 'dynamodb.amazonaws.com' ||
      (typeof expiresAt === 'number' && expiresAt * 1000 <= now.getTime());
    const lastActiveAt = text(record.oldImage, 'lastActiveAt');
    const at = expired && lastActiveAt ? lastActiveAt : now.toISOString();
    return { kind: 'closed', connectionId, userId, at };
  }
  return undefined;
}

export { PRESENCE_SUMMARY_KEY } from './presence-filters';

/** What a connection change is decided on: the user's summary as it stands (absent: never seen). */
export interface PresenceSummary {
  openConnections: number;
  status?: 'online' | 'offline';
}

/**
 * The status a connection change moves the user to, if any: an open makes a user who is not online `online`; a
 * close that ends the last counted connection of an online user makes them `offline`. The status then always
 * agrees with the count after a change (online ⇔ open connections), and flips once per transition.
 */
export function presenceTransitionOf(
  kind: ConnectionChange['kind'],
  summary: PresenceSummary | undefined,
): 'online' | 'offline' | undefined {
  const online = summary?.status === 'online';
  if (kind === 'opened') return online ? undefined : 'online';
  return online && (summary?.openConnections ?? 0) <= 1 ? 'offline' : undefined;
}

/**
 * The PresenceChanged a presence-table stream record stands for: the summary item's status changed (or was
 * set for the first time). Anything else (connection markers, count changes) is no event.
 */
export function presenceChangeOf(
  newImage: Record<string, unknown> | undefined,
  oldImage: Record<string, unknown> | undefined,
): PresenceChanged | undefined {
  if (!newImage || newImage.sk !== PRESENCE_SUMMARY_KEY) return undefined;
  const status = newImage.status;
  if (status !== 'online' && status !== 'offline') return undefined;
  if (oldImage?.status === status) return undefined;
  const userId = text(newImage, 'userId');
  const lastSeenAt = text(newImage, 'lastSeenAt');
  if (!userId || !lastSeenAt) return undefined;
  return { userId, status, lastSeenAt };
}

/** GET /presence accepts 1 to 100 user ids. */
export const MAX_PRESENCE_USER_IDS = 100;

/**
 * The `userIds` query parameter: comma-separated, 1 to 100 ids, each an id (`ID_PATTERN` of `@chat/runtime`);
 * duplicates are dropped (first occurrence kept). Returns the ids or a message saying what is wrong.
 */
export function parseUserIds(raw: string | undefined): { userIds: string[] } | { problem: string } {
  if (raw === undefined || raw.trim() === '')
    return { problem: 'Required: 1 to 100 comma-separated user ids' };
  const ids = raw.split(',').map((id) => id.trim());
  if (ids.some((id) => !isId(id))) return { problem: `Each user id must be ${ID_RULE}` };
  const unique = [...new Set(ids)];
  if (unique.length > MAX_PRESENCE_USER_IDS) return { problem: `At most ${MAX_PRESENCE_USER_IDS} user ids` };
  return { userIds: unique };
}
