import { isRevoked, lastRevokedSecond, revocationRecordOf, type RevocationRecord } from '../../src';

const logout = Date.parse('2025-01-15T10:00:00.400Z') / 1000; // 1736935200.4
const second = Math.floor(logout);

function aRecord(overrides: Partial<RevocationRecord> = {}): RevocationRecord {
  return { userId: 'user-1', revokedAt: '2025-01-15T10:00:00.400Z', allowedSessions: [], ...overrides };
}

describe('isRevoked', () => {
  it('revokes nothing when the user never logged out', () => {
    expect(isRevoked(undefined, { userId: 'user-1', authTime: second - 10, sessionKey: 's1' })).toBe(false);
  });

  it('revokes a session that began in an earlier second than the logout', () => {
    expect(isRevoked(aRecord(), { userId: 'user-1', authTime: second - 1, sessionKey: 's1' })).toBe(true);
  });

  it("revokes a session that began in the logout's second unless it is an allowed session", () => {
    const record = aRecord({ allowedSessions: ['after-logout'] });

    expect(isRevoked(record, { userId: 'user-1', authTime: second, sessionKey: 'before-logout' })).toBe(true);
    expect(isRevoked(record, { userId: 'user-1', authTime: second, sessionKey: 'after-logout' })).toBe(false);
  });

  it('keeps a session that began in a later second than the logout', () => {
    expect(isRevoked(aRecord(), { userId: 'user-1', authTime: second + 1, sessionKey: 's2' })).toBe(false);
  });

  it("ignores another user's record", () => {
    expect(isRevoked(aRecord(), { userId: 'user-2', authTime: second - 5, sessionKey: 's1' })).toBe(false);
  });

  it("names the logout's second", () => {
    expect(lastRevokedSecond(aRecord())).toBe(second);
  });
});

describe('revocationRecordOf', () => {
  it('reads an item whose allowed sessions are a DynamoDB string set', () => {
    expect(
      revocationRecordOf({
        userId: 'user-1',
        revokedAt: '2025-01-15T10:00:00.400Z',
        allowedSessions: new Set(['a', 'b']),
        expiresAt: 1,
      }),
    ).toEqual(aRecord({ allowedSessions: ['a', 'b'] }));
  });

  it('reads an item without allowed sessions', () => {
    expect(revocationRecordOf({ userId: 'user-1', revokedAt: '2025-01-15T10:00:00.400Z' })).toEqual(
      aRecord(),
    );
  });

  it('answers undefined for no item', () => {
    expect(revocationRecordOf(undefined)).toBeUndefined();
  });

  it('throws on a malformed item rather than revoking nothing', () => {
    expect(() => revocationRecordOf({ userId: 'user-1', revokedAt: 'yesterday' })).toThrow(/Malformed/);
  });
});
