import type { PresenceStatus } from '@chat/events';
import type { Clock, IdGenerator } from '@chat/runtime';

/** A frame the server sends to a WebSocket client (API.md "WebSocket"). */
export type ServerFrame = { type: string } & Record<string, unknown>;

/** Outcome of a send or a close: `gone` when the connection no longer exists (API Gateway answers 410). */
export type SendOutcome = 'sent' | 'gone';

/** Sends frames to open WebSocket connections, and closes them (API Gateway's `@connections` API). */
export interface ConnectionMessenger {
  send(connectionId: string, frame: ServerFrame): Promise<SendOutcome>;
  /** Closes the connection from the server side (DeleteConnection); `gone` when it was already closed. */
  close(connectionId: string): Promise<SendOutcome>;
}

/** A row of the connections table: one open WebSocket connection of a user. */
export interface ConnectionRecord {
  connectionId: string;
  userId: string;
  username: string;
  /** ISO-8601 time of the handshake. */
  connectedAt: string;
  /** ISO-8601 time of the last activity that refreshed the record. */
  lastActiveAt: string;
  /** TTL, epoch seconds: a record not refreshed by then is stale and DynamoDB deletes it. */
  expiresAt: number;
}

/** One connection of a user, as the fan-out needs it. */
export interface UserConnection {
  connectionId: string;
  connectedAt: string;
}

/** The connections table (this service's own): the source of truth of open connections. */
export interface ConnectionStore {
  save(record: ConnectionRecord): Promise<void>;
  /** Deletes the record; resolves with whose it was (undefined when there was none). */
  remove(connectionId: string): Promise<{ userId: string } | undefined>;
  /**
   * Deletes the record of a connection API Gateway reported gone, unless it opened at or after `openedBefore`
   * (ISO-8601): `kept` for such a young one, `removed` otherwise (also when there was no record).
   */
  removeGone(connectionId: string, openedBefore: string): Promise<'removed' | 'kept'>;
  /** Whose connection it is (a consistent read), or undefined when there is no record. */
  ownerOf(connectionId: string): Promise<{ userId: string; username: string } | undefined>;
  /** Pushes the TTL back; false when the record is gone (it is never re-created). */
  refresh(connectionId: string, expiresAt: number, lastActiveAt: string): Promise<boolean>;
  /** Every recorded connection of a user, with when it opened (the byUserId index). */
  connectionsOf(userId: string): Promise<UserConnection[]>;
  /** Those of `connectionIds` that have a record not yet expired at `nowSeconds` (epoch s; a consistent read). */
  liveAmong(connectionIds: readonly string[], nowSeconds: number): Promise<Set<string>>;
}

/** A registration in the directory: refused when the user already has `max` connections there. */
export type Registration = { registered: true } | { registered: false; connectionIds: string[] };

/**
 * Where a user can be reached: the ids of their open connections, kept beside their presence (one item per
 * user) so that a fan-out reads a page of members' connections in one batch instead of one query per member.
 * `$connect` registers a connection before the handshake completes and `$disconnect` unregisters it; a stale or
 * gone connection is unregistered when its record is removed (the connections stream) or a post answers 410.
 */
export interface ConnectionDirectory {
  /**
   * Adds the connection to the user's entry unless the entry already holds `max` others (one conditional write,
   * so concurrent handshakes never overshoot); when refused, the ids the entry holds.
   */
  register(userId: string, connectionId: string, max: number): Promise<Registration>;
  unregister(userId: string, connectionId: string): Promise<void>;
  /** The connection ids of each of `userIds` that has any (a consistent read). */
  connectionsOf(userIds: readonly string[]): Promise<Map<string, string[]>>;
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts (exclusive), or undefined on the last page. */
  next?: string;
}

/**
 * rooms' memberships table, read-only (docs/decisions/003-membership-reads.md); a membership rooms has marked for
 * removal no longer counts.
 */
export interface MembershipReader {
  /** A consistent read of the membership {roomId, userId}. */
  isMember(roomId: string, userId: string): Promise<boolean>;
  /** The userIds of a room's members, in userId order, after `after`. */
  membersPage(roomId: string, options: { after?: string; limit: number }): Promise<Page<string>>;
  /** The roomIds of a user's rooms and DMs (the byUser index), after `after`. */
  roomsPage(userId: string, options: { after?: string; limit: number }): Promise<Page<string>>;
}

/** A connection that opened or closed, read from the connections table's stream. */
export interface ConnectionChange {
  kind: 'opened' | 'closed';
  connectionId: string;
  userId: string;
  /** When it happened (ISO-8601): the handshake, the close, or the last activity of a stale connection. */
  at: string;
}

export interface PresenceState {
  status: PresenceStatus;
  lastSeenAt: string | null;
}

/** What counting one connection change did: whether it was counted, and the status it moved the user to. */
export interface PresenceChangeOutcome {
  /** False for a change already applied (a replayed record): nothing was written. */
  counted: boolean;
  /** `online` / `offline` when the user's status changed with it (first open, last close). */
  transition?: PresenceStatus;
}

/** The presence table: a per-user connection count and status, and a marker per connection. */
export interface PresenceStore {
  /**
   * Counts the connection in, once, and sets the status to `online` in the same write when it was not
   * (`presenceTransitionOf`): a replayed record is not counted again.
   */
  connectionOpened(change: ConnectionChange): Promise<PresenceChangeOutcome>;
  /**
   * Counts the connection out, once (not when it was never counted in or is already out), and sets the status to
   * `offline` in the same write when it closed the last counted connection of an online user.
   */
  connectionClosed(change: ConnectionChange): Promise<PresenceChangeOutcome>;
  /** The stored state of each known user (users never seen are absent). */
  statesOf(userIds: readonly string[]): Promise<Map<string, PresenceState>>;
}

/** A room fan-out that goes on with the next page of members in another invocation. */
export interface RoomFanOutJob {
  roomId: string;
  frame: ServerFrame & { eventId: string };
  /** Users to reach besides the members (the user who left); only on the first page. */
  alsoNotify: string[];
  /** Members after this userId; undefined for the first page. */
  after?: string;
  /** 1 for the first page. */
  page: number;
}

/** Schedules the next page of a room fan-out (an internal event on the bus). */
export interface FanOutContinuations {
  continueLater(job: RoomFanOutJob, causedBy: { eventId: string; correlationId: string }): Promise<void>;
}

export type { Clock, IdGenerator };

/** A closed account's presence items (the summary and the connection markers: the user's partition). */
export interface PresenceErasure {
  /** Deletes every presence item of the user; how many there were. */
  dropAll(userId: string): Promise<number>;
}
