import type { RevocationReader, RevocationRecord } from './revocation';

/** The longest a cached revocation record may be used: API.md allows at most one second of staleness. */
export const MAX_REVOCATION_STALENESS_MS = 1000;

export interface CachedRevocationsOptions {
  /** How long a record (or its absence) is reused; at most MAX_REVOCATION_STALENESS_MS. Default 1000. */
  maxAgeMs?: number;
  /** Entries kept at most; the oldest go first. Default 10 000. */
  maxEntries?: number;
  now?: () => number;
}

/** A RevocationReader that can also bypass its cache. */
export interface CachedRevocationReader extends RevocationReader {
  /** Reads through to the table and refreshes the cache. */
  fresh(userId: string): Promise<RevocationRecord | undefined>;
}

interface Entry {
  record: RevocationRecord | undefined;
  readAt: number;
}

/**
 * Caches revocation records per user for at most `maxAgeMs` (≤ 1 s), so a warm function reads each user's
 * record at most about once a second. Concurrent reads of the same user share one request.
 */
export function cachedRevocations(
  reader: RevocationReader,
  options: CachedRevocationsOptions = {},
): CachedRevocationReader {
  const maxAgeMs = Math.min(options.maxAgeMs ?? MAX_REVOCATION_STALENESS_MS, MAX_REVOCATION_STALENESS_MS);
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<RevocationRecord | undefined>>();

  const remember = (userId: string, entry: Entry) => {
    entries.delete(userId);
    entries.set(userId, entry);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  const fresh = (userId: string): Promise<RevocationRecord | undefined> => {
    const pending = inFlight.get(userId);
    if (pending) return pending;
    const readAt = now();
    const request = reader
      .get(userId)
      .then((record) => {
        remember(userId, { record, readAt });
        return record;
      })
      .finally(() => inFlight.delete(userId));
    inFlight.set(userId, request);
    return request;
  };

  return {
    async get(userId) {
      const entry = entries.get(userId);
      if (entry && now() - entry.readAt < maxAgeMs) return entry.record;
      return fresh(userId);
    },
    fresh,
  };
}
