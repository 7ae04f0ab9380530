import { connectionChangeOf, parseUserIds, presenceChangeOf } from '../../../src/domain/presence';

const now = new Date('2025-01-15T10:00:30.000Z');
const item = {
  connectionId: 'conn-1',
  userId: 'user-1',
  username: 'alice',
  connectedAt: '2025-01-15T09:00:00.000Z',
  lastActiveAt: '2025-01-15T09:30:00.000Z',
  expiresAt: Date.parse('2025-01-15T11:30:00.000Z') / 1000,
};

describe('connectionChangeOf', () => {
  it('reads an INSERT as the connection opening at its handshake time', () => {
    expect(connectionChangeOf({ eventName: 'INSERT', newImage: item }, now)).toEqual({
      kind: 'opened',
      connectionId: 'conn-1',
      userId: 'user-1',
      at: '2025-01-15T09:00:00.000Z',
    });
  });

  it('reads a REMOVE before expiry (a disconnect or a 410) as closing now', () => {
    expect(connectionChangeOf({ eventName: 'REMOVE', oldImage: item }, now)).toEqual({
      kind: 'closed',
      connectionId: 'conn-1',
      userId: 'user-1',
      at: '2025-01-15T10:00:30.000Z',
    });
  });

  it('reads a REMOVE made by DynamoDB’s TTL as closing at the last activity, even if read early', () => {
    const removedBy = 'dynamodb.amazonaws.com';

    expect(connectionChangeOf({ eventName: 'REMOVE', oldImage: item, removedBy }, now)).toMatchObject({
      at: '2025-01-15T09:30:00.000Z',
    });
  });

  it('reads the REMOVE of an expired record (a stale connection) as closing at its last activity', () => {
    const expired = { ...item, expiresAt: Date.parse('2025-01-15T10:00:00.000Z') / 1000 };

    expect(connectionChangeOf({ eventName: 'REMOVE', oldImage: expired }, now)).toMatchObject({
      kind: 'closed',
      at: '2025-01-15T09:30:00.000Z',
    });
  });

  it('ignores a MODIFY (a TTL refresh) and records without a user', () => {
    expect(connectionChangeOf({ eventName: 'MODIFY', newImage: item, oldImage: item }, now)).toBeUndefined();
    expect(connectionChangeOf({ eventName: 'INSERT', newImage: { connectionId: 'c' } }, now)).toBeUndefined();
  });
});

describe('presenceChangeOf', () => {
  const summary = {
    userId: 'user-1',
    sk: 'presence',
    openConnections: 1,
    lastSeenAt: '2025-01-15T10:00:00.000Z',
  };

  it('is a PresenceChanged when the summary’s status is set or changes', () => {
    expect(presenceChangeOf({ ...summary, status: 'online' }, { ...summary, status: undefined })).toEqual({
      userId: 'user-1',
      status: 'online',
      lastSeenAt: '2025-01-15T10:00:00.000Z',
    });
    expect(
      presenceChangeOf({ ...summary, status: 'offline' }, { ...summary, status: 'online' }),
    ).toMatchObject({
      status: 'offline',
    });
  });

  it('is nothing when only the count changed, or for a connection marker', () => {
    expect(
      presenceChangeOf(
        { ...summary, status: 'online', openConnections: 2 },
        { ...summary, status: 'online' },
      ),
    ).toBeUndefined();
    expect(
      presenceChangeOf({ userId: 'user-1', sk: 'connection#c', state: 'open' }, undefined),
    ).toBeUndefined();
    expect(presenceChangeOf({ ...summary }, undefined)).toBeUndefined();
  });
});

describe('parseUserIds', () => {
  it('splits on commas, trims, and keeps the first of duplicates', () => {
    expect(parseUserIds(' a , b,a ')).toEqual({ userIds: ['a', 'b'] });
  });

  it.each([
    [undefined, 'Required: 1 to 100 comma-separated user ids'],
    ['', 'Required: 1 to 100 comma-separated user ids'],
    ['a,,b', 'Each user id must be 1 to 128 characters of A-Z a-z 0-9 _ -'],
    ['a b', 'Each user id must be 1 to 128 characters of A-Z a-z 0-9 _ -'],
    ['x'.repeat(129), 'Each user id must be 1 to 128 characters of A-Z a-z 0-9 _ -'],
  ])('refuses %p: %s', (raw, problem) => {
    expect(parseUserIds(raw)).toEqual({ problem });
  });

  it('accepts 100 distinct ids and refuses 101', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `user-${i}`).join(',');

    expect(parseUserIds(ids(100))).toEqual({ userIds: expect.any(Array) });
    expect(parseUserIds(ids(101))).toEqual({ problem: 'At most 100 user ids' });
  });
});
