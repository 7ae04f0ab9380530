import { presenceTransitionOf } from '../../src/domain/presence';
import type { RetryPolicy } from '../../src/use-cases/concurrency';
import type {
  Clock,
  ConnectionChange,
  ConnectionDirectory,
  ConnectionMessenger,
  ConnectionRecord,
  ConnectionStore,
  FanOutContinuations,
  IdGenerator,
  MembershipReader,
  Page,
  PresenceChangeOutcome,
  PresenceState,
  PresenceStore,
  Registration,
  RoomFanOutJob,
  SendOutcome,
  ServerFrame,
} from '../../src/use-cases/ports';

/** Retries at once (no waiting), three attempts. */
export const noWaitRetry = (attempts = 3): RetryPolicy & { waits: number[] } => {
  const waits: number[] = [];
  return {
    attempts,
    baseDelayMs: 10,
    waits,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
};

export const aFixedClock = (iso = '2025-01-15T10:00:00.000Z'): Clock & { set(iso: string): void } => {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) };
};

export const sequentialIds = (prefix = 'id'): IdGenerator => {
  let n = 0;
  return { next: () => `${prefix}-${(n += 1)}` };
};

/**
 * A ConnectionMessenger that records what it sends and closes. Connections in `gone` answer 410; a connection in
 * `failing` throws that many times before it succeeds (Infinity: always).
 */
export class RecordingMessenger implements ConnectionMessenger {
  readonly sent: { connectionId: string; frame: ServerFrame }[] = [];
  readonly closed: string[] = [];
  readonly gone = new Set<string>();
  readonly failing = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly outcome: SendOutcome = 'sent') {}

  async send(connectionId: string, frame: ServerFrame): Promise<SendOutcome> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    this.inFlight -= 1;
    this.failIfAsked(connectionId);
    if (this.gone.has(connectionId)) return 'gone';
    this.sent.push({ connectionId, frame });
    return this.outcome;
  }

  async close(connectionId: string): Promise<SendOutcome> {
    this.failIfAsked(connectionId);
    if (this.gone.has(connectionId)) return 'gone';
    this.closed.push(connectionId);
    return 'sent';
  }

  /** Connection ids that got a frame of `type`. */
  recipientsOf(type: string): string[] {
    return this.sent.filter((s) => s.frame.type === type).map((s) => s.connectionId);
  }

  private failIfAsked(connectionId: string): void {
    const failures = this.failing.get(connectionId) ?? 0;
    if (failures > 0) {
      this.failing.set(connectionId, failures - 1);
      throw new Error(`post to ${connectionId} failed`);
    }
  }
}

/** The connection directory (presence summary `connectionIds`) in memory. */
export class InMemoryDirectory implements ConnectionDirectory {
  readonly entries = new Map<string, Set<string>>();
  readonly reads: string[][] = [];
  failReads = false;

  async register(
    userId: string,
    connectionId: string,
    max = Number.POSITIVE_INFINITY,
  ): Promise<Registration> {
    const ids = this.entries.get(userId) ?? new Set<string>();
    if (ids.size >= max && !ids.has(connectionId)) return { registered: false, connectionIds: [...ids] };
    ids.add(connectionId);
    this.entries.set(userId, ids);
    return { registered: true };
  }

  async unregister(userId: string, connectionId: string) {
    this.entries.get(userId)?.delete(connectionId);
  }

  async connectionsOf(userIds: readonly string[]) {
    this.reads.push([...userIds]);
    if (this.failReads) throw new Error('directory unavailable');
    const routes = new Map<string, string[]>();
    for (const userId of userIds) {
      const ids = [...(this.entries.get(userId) ?? [])];
      if (ids.length > 0) routes.set(userId, ids);
    }
    return routes;
  }
}

/** The connections table in memory; `add` also registers the connection in `directory`, as `$connect` does. */
export class InMemoryConnections implements ConnectionStore {
  readonly records = new Map<string, ConnectionRecord>();
  readonly refreshes: { connectionId: string; expiresAt: number }[] = [];
  readonly directory = new InMemoryDirectory();

  add(userId: string, connectionId: string, connectedAt = '2025-01-15T09:00:00.000Z'): this {
    void this.directory.register(userId, connectionId);
    this.records.set(connectionId, {
      connectionId,
      userId,
      username: userId,
      connectedAt,
      lastActiveAt: connectedAt,
      expiresAt: 0,
    });
    return this;
  }

  async save(record: ConnectionRecord) {
    this.records.set(record.connectionId, { ...record });
  }

  async remove(connectionId: string) {
    const record = this.records.get(connectionId);
    this.records.delete(connectionId);
    return record ? { userId: record.userId } : undefined;
  }

  async removeGone(connectionId: string, openedBefore: string) {
    const record = this.records.get(connectionId);
    if (record && record.connectedAt >= openedBefore) return 'kept' as const;
    this.records.delete(connectionId);
    return 'removed' as const;
  }

  async ownerOf(connectionId: string) {
    const record = this.records.get(connectionId);
    return record ? { userId: record.userId, username: record.username } : undefined;
  }

  async refresh(connectionId: string, expiresAt: number, lastActiveAt: string) {
    const record = this.records.get(connectionId);
    if (!record) return false;
    this.records.set(connectionId, { ...record, expiresAt, lastActiveAt });
    this.refreshes.push({ connectionId, expiresAt });
    return true;
  }

  async liveAmong(connectionIds: readonly string[], nowSeconds: number) {
    return new Set(connectionIds.filter((id) => (this.records.get(id)?.expiresAt ?? 0) > nowSeconds));
  }

  async connectionsOf(userId: string) {
    return [...this.records.values()]
      .filter((record) => record.userId === userId)
      .map(({ connectionId, connectedAt }) => ({ connectionId, connectedAt }));
  }
}

function pageOf(sorted: string[], after: string | undefined, limit: number): Page<string> {
  const start = after === undefined ? 0 : sorted.findIndex((id) => id > after);
  const from = start < 0 ? sorted.length : start;
  const items = sorted.slice(from, from + limit);
  const more = from + limit < sorted.length;
  const last = items[items.length - 1];
  return more && last !== undefined ? { items, next: last } : { items };
}

/** The memberships table in memory: rooms and their members. */
export class InMemoryMemberships implements MembershipReader {
  readonly rooms = new Map<string, Set<string>>();
  readonly pageRequests: { roomId: string; after?: string; limit: number }[] = [];
  /** How many times `isMember` was asked. */
  membershipReads = 0;

  room(roomId: string, members: string[]): this {
    this.rooms.set(roomId, new Set(members));
    return this;
  }

  async isMember(roomId: string, userId: string) {
    this.membershipReads += 1;
    return this.rooms.get(roomId)?.has(userId) ?? false;
  }

  async membersPage(roomId: string, options: { after?: string; limit: number }) {
    this.pageRequests.push({ roomId, ...options });
    return pageOf([...(this.rooms.get(roomId) ?? [])].sort(), options.after, options.limit);
  }

  async roomsPage(userId: string, options: { after?: string; limit: number }) {
    const roomIds = [...this.rooms].filter(([, members]) => members.has(userId)).map(([roomId]) => roomId);
    return pageOf(roomIds.sort(), options.after, options.limit);
  }
}

/** The presence table's semantics in memory: a marker per connection, a count and a status per user. */
export class InMemoryPresence implements PresenceStore {
  readonly markers = new Map<string, 'open' | 'closed'>();
  readonly counts = new Map<string, number>();
  readonly states = new Map<string, PresenceState>();
  failNext = 0;

  async connectionOpened(change: ConnectionChange) {
    this.maybeFail();
    const key = `${change.userId}#${change.connectionId}`;
    if (this.markers.has(key)) return { counted: false };
    this.markers.set(key, 'open');
    return this.count(change, 1);
  }

  async connectionClosed(change: ConnectionChange) {
    this.maybeFail();
    const key = `${change.userId}#${change.connectionId}`;
    if (this.markers.get(key) !== 'open') return { counted: false };
    this.markers.set(key, 'closed');
    return this.count(change, -1);
  }

  /** The count and, when the change moves it, the status, as one write. */
  private count(change: ConnectionChange, delta: number): PresenceChangeOutcome {
    const openConnections = this.counts.get(change.userId) ?? 0;
    const state = this.states.get(change.userId);
    const transition = presenceTransitionOf(
      change.kind,
      state ? { openConnections, status: state.status } : { openConnections },
    );
    this.counts.set(change.userId, openConnections + delta);
    if (!transition) return { counted: true };
    this.states.set(change.userId, { status: transition, lastSeenAt: change.at });
    return { counted: true, transition };
  }

  async statesOf(userIds: readonly string[]) {
    const found = new Map<string, PresenceState>();
    for (const id of userIds) {
      const state = this.states.get(id);
      if (state) found.set(id, state);
    }
    return found;
  }

  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('presence table unavailable');
    }
  }
}

/** Records the continuations a fan-out hands on. */
export class RecordingContinuations implements FanOutContinuations {
  readonly jobs: { job: RoomFanOutJob; causedBy: { eventId: string; correlationId: string } }[] = [];

  async continueLater(job: RoomFanOutJob, causedBy: { eventId: string; correlationId: string }) {
    this.jobs.push({ job, causedBy });
  }
}
