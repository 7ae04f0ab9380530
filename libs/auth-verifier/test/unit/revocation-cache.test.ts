import { cachedRevocations, type RevocationReader, type RevocationRecord } from '../../src';

function aCountingReader(records: Record<string, RevocationRecord | undefined> = {}) {
  const reads: string[] = [];
  const reader: RevocationReader = {
    async get(userId) {
      reads.push(userId);
      return records[userId];
    },
  };
  return { reader, reads, records };
}

const record = (userId: string, revokedAt = '2025-01-15T10:00:00.000Z'): RevocationRecord => ({
  userId,
  revokedAt,
  allowedSessions: [],
});

describe('cachedRevocations', () => {
  it('reuses a record (or its absence) for less than the maximum age', async () => {
    let now = 1_000;
    const { reader, reads } = aCountingReader({ a: record('a') });
    const cache = cachedRevocations(reader, { maxAgeMs: 500, now: () => now });

    await cache.get('a');
    await cache.get('b');
    now += 499;
    await cache.get('a');
    await cache.get('b');

    expect(reads).toEqual(['a', 'b']);
  });

  it('reads again once the record is as old as the maximum age', async () => {
    let now = 1_000;
    const { reader, reads, records } = aCountingReader({});
    const cache = cachedRevocations(reader, { maxAgeMs: 500, now: () => now });

    expect(await cache.get('a')).toBeUndefined();
    records.a = record('a');
    now += 500;

    expect(await cache.get('a')).toEqual(record('a'));
    expect(reads).toEqual(['a', 'a']);
  });

  it('never keeps a record longer than one second, whatever it is asked', async () => {
    let now = 1_000;
    const { reader, reads } = aCountingReader();
    const cache = cachedRevocations(reader, { maxAgeMs: 60_000, now: () => now });

    await cache.get('a');
    now += 1000;
    await cache.get('a');

    expect(reads).toEqual(['a', 'a']);
  });

  it('reads through on fresh() and caches what it read', async () => {
    const now = 1_000;
    const { reader, reads, records } = aCountingReader({ a: record('a') });
    const cache = cachedRevocations(reader, { now: () => now });

    await cache.get('a');
    records.a = record('a', '2025-01-15T11:00:00.000Z');
    const fresh = await cache.fresh('a');
    const cached = await cache.get('a');

    expect(fresh?.revokedAt).toBe('2025-01-15T11:00:00.000Z');
    expect(cached).toEqual(fresh);
    expect(reads).toEqual(['a', 'a']);
  });

  it('shares one read between concurrent requests for the same user', async () => {
    const { reader, reads } = aCountingReader({ a: record('a') });
    const cache = cachedRevocations(reader);

    const results = await Promise.all([cache.get('a'), cache.get('a'), cache.fresh('a')]);

    expect(results).toEqual([record('a'), record('a'), record('a')]);
    expect(reads).toEqual(['a']);
  });

  it('forgets the oldest users beyond its capacity', async () => {
    const { reader, reads } = aCountingReader();
    const cache = cachedRevocations(reader, { maxEntries: 2, now: () => 1_000 });

    await cache.get('a');
    await cache.get('b');
    await cache.get('c');
    await cache.get('b');
    await cache.get('a');

    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not cache a failed read', async () => {
    let fail = true;
    const reads: string[] = [];
    const cache = cachedRevocations({
      async get(userId) {
        reads.push(userId);
        if (fail) throw new Error('throttled');
        return undefined;
      },
    });

    await expect(cache.get('a')).rejects.toThrow('throttled');
    fail = false;

    await expect(cache.get('a')).resolves.toBeUndefined();
    expect(reads).toEqual(['a', 'a']);
  });
});
