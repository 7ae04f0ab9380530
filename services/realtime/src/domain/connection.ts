import type { ConnectionRecord } from '../use-cases/ports';

/** How long a connection record lives without activity: API Gateway's longest connection, 2 hours. */
export const DEFAULT_CONNECTION_TTL_SECONDS = 2 * 60 * 60;

/** The TTL attribute value (epoch seconds) of a record refreshed at `now`. */
export function expiresAtFor(now: Date, ttlSeconds: number): number {
  return Math.floor(now.getTime() / 1000) + ttlSeconds;
}

export function newConnectionRecord(input: {
  connectionId: string;
  userId: string;
  username: string;
  connectedAt: Date;
  ttlSeconds: number;
}): ConnectionRecord {
  const connectedAt = input.connectedAt.toISOString();
  return {
    connectionId: input.connectionId,
    userId: input.userId,
    username: input.username,
    connectedAt,
    lastActiveAt: connectedAt,
    expiresAt: expiresAtFor(input.connectedAt, input.ttlSeconds),
  };
}

/**
 * Remembers when this sandbox last refreshed each connection's TTL, so that activity (a ping every few
 * seconds) costs at most one write per connection per interval. Bounded: past `maxEntries` it forgets all.
 */
export class RefreshLedger {
  private readonly refreshedAt = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** Whether the connection is due a refresh at `nowMs`; when it is, it counts as refreshed now. */
  claim(connectionId: string, nowMs: number): boolean {
    const last = this.refreshedAt.get(connectionId);
    if (last !== undefined && nowMs - last < this.intervalMs) return false;
    if (this.refreshedAt.size >= this.maxEntries) this.refreshedAt.clear();
    this.refreshedAt.set(connectionId, nowMs);
    return true;
  }

  /** Forgets a claim whose write failed, so the next activity tries again. */
  release(connectionId: string): void {
    this.refreshedAt.delete(connectionId);
  }
}

/** A sixth of the TTL, at most 10 minutes: a record of an active connection never comes close to expiring. */
export function refreshIntervalMs(ttlSeconds: number): number {
  return Math.min(10 * 60, Math.floor(ttlSeconds / 6)) * 1000;
}
