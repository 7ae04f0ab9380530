import fc from 'fast-check';
import { marshall } from '@aws-sdk/util-dynamodb';
import { matchesPattern } from '@chat/local';
import config from '../../../serverless';
import { presenceChangeOf, presenceTransitionOf } from '../../../src/domain/presence';

type Image = Record<string, unknown>;

/** publishPresenceEvents' stream filters, as serverless.ts declares them. */
function filters(): object[] {
  const events = config.functions?.publishPresenceEvents?.events ?? [];
  const source = events[0] as { stream?: { filterPatterns?: object[] } } | undefined;
  return source?.stream?.filterPatterns ?? [];
}

/** Whether Lambda invokes the function for a record with these images (Event Ruler semantics, as the stack). */
function invoked(eventName: string, keys: Image, newImage?: Image, oldImage?: Image): boolean {
  const record = {
    eventName,
    dynamodb: {
      Keys: marshall(keys),
      ...(newImage ? { NewImage: marshall(newImage) } : {}),
      ...(oldImage ? { OldImage: marshall(oldImage) } : {}),
    },
  };
  return filters().some((pattern) => matchesPattern(pattern as Record<string, unknown>, record));
}

const status = fc.constantFrom<'online' | 'offline' | undefined>('online', 'offline', undefined);
const summaryImage = (sk: string, value: 'online' | 'offline' | undefined, count: number): Image => ({
  userId: 'alice',
  sk,
  openConnections: count,
  lastSeenAt: '2025-01-15T10:00:00.000Z',
  connectionIds: new Set(['c1']),
  ...(value === undefined ? {} : { status: value }),
});

describe("publishPresenceEvents' stream filters", () => {
  it('are at most five (Lambda’s quota)', () => {
    expect(filters().length).toBeGreaterThan(0);
    expect(filters().length).toBeLessThanOrEqual(5);
  });

  it('pass exactly the records that publish a PresenceChanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('presence', 'connection#c1'),
        status,
        status,
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (sk, before, after, hadOldImage, oldCount, newCount) => {
          const newImage = summaryImage(sk, after, newCount);
          const oldImage = hadOldImage ? summaryImage(sk, before, oldCount) : undefined;
          const publishes = presenceChangeOf(newImage, oldImage) !== undefined;
          expect(invoked(oldImage ? 'MODIFY' : 'INSERT', { userId: 'alice', sk }, newImage, oldImage)).toBe(
            publishes,
          );
        },
      ),
    );
  });

  it('pass no REMOVE (a user’s presence erased) and no connection marker', () => {
    const marker = { userId: 'alice', sk: 'connection#c1', state: 'open' };
    expect(
      invoked(
        'REMOVE',
        { userId: 'alice', sk: 'presence' },
        undefined,
        summaryImage('presence', 'online', 1),
      ),
    ).toBe(false);
    expect(invoked('INSERT', { userId: 'alice', sk: 'connection#c1' }, marker)).toBe(false);
  });
});

describe('presenceTransitionOf', () => {
  it('goes online with an open of a user not online, offline with the close of the last counted connection', () => {
    expect(presenceTransitionOf('opened', undefined)).toBe('online');
    expect(presenceTransitionOf('opened', { openConnections: 0 })).toBe('online');
    expect(presenceTransitionOf('opened', { openConnections: 0, status: 'offline' })).toBe('online');
    expect(presenceTransitionOf('opened', { openConnections: 1, status: 'online' })).toBeUndefined();
    expect(presenceTransitionOf('closed', { openConnections: 2, status: 'online' })).toBeUndefined();
    expect(presenceTransitionOf('closed', { openConnections: 1, status: 'online' })).toBe('offline');
    expect(presenceTransitionOf('closed', { openConnections: 1, status: 'offline' })).toBeUndefined();
  });
});
