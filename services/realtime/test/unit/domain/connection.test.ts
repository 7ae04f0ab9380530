import {
  expiresAtFor,
  newConnectionRecord,
  RefreshLedger,
  refreshIntervalMs,
} from '../../../src/domain/connection';

describe('newConnectionRecord', () => {
  it('records the user, the handshake time as first activity, and a TTL that far ahead', () => {
    const record = newConnectionRecord({
      connectionId: 'conn-1',
      userId: 'user-1',
      username: 'alice',
      connectedAt: new Date('2025-01-15T10:00:00.500Z'),
      ttlSeconds: 7200,
    });

    expect(record).toEqual({
      connectionId: 'conn-1',
      userId: 'user-1',
      username: 'alice',
      connectedAt: '2025-01-15T10:00:00.500Z',
      lastActiveAt: '2025-01-15T10:00:00.500Z',
      expiresAt: Date.parse('2025-01-15T12:00:00.000Z') / 1000,
    });
  });
});

describe('expiresAtFor', () => {
  it('is epoch seconds, rounded down, plus the TTL', () => {
    expect(expiresAtFor(new Date(1_000_999), 60)).toBe(1060);
  });
});

describe('RefreshLedger', () => {
  it('grants the first claim and the first one after each interval', () => {
    const ledger = new RefreshLedger(1000);

    expect([0, 500, 999, 1000, 1500, 2000].map((ms) => ledger.claim('c', ms))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('keeps connections apart, and lets a released claim be claimed again', () => {
    const ledger = new RefreshLedger(1000);
    ledger.claim('a', 0);

    expect(ledger.claim('b', 1)).toBe(true);
    ledger.release('a');
    expect(ledger.claim('a', 2)).toBe(true);
  });

  it('forgets everything rather than grow past its bound', () => {
    const ledger = new RefreshLedger(1000, 2);
    ledger.claim('a', 0);
    ledger.claim('b', 0);

    ledger.claim('c', 0);

    expect(ledger.claim('a', 1)).toBe(true);
  });
});

describe('refreshIntervalMs', () => {
  it('is a sixth of the TTL, at most ten minutes', () => {
    expect(refreshIntervalMs(7200)).toBe(600_000);
    expect(refreshIntervalMs(60)).toBe(10_000);
  });
});
