import { logOut, type LogOutDependencies } from '../../../src/use-cases/log-out';
import {
  aClock,
  aFakeIdentityProvider,
  anInMemoryRevocationLedger,
  aRecordingLogger,
} from '../../support/fakes';

async function setUp() {
  const clock = aClock('2025-01-15T10:00:00.250Z');
  const pool = aFakeIdentityProvider(clock);
  const revocations = anInMemoryRevocationLedger();
  pool.add('alice', 'pw');
  const { refreshToken } = await pool.identity.passwordLogin('alice', 'pw');
  const deps: LogOutDependencies = {
    identity: pool.identity,
    revocations: revocations.ledger,
    clock,
    logger: aRecordingLogger(),
  };
  return { deps, pool, revocations, refreshToken };
}

describe('logOut', () => {
  it('records the logout time, kept long enough to outlive every token of the user', async () => {
    const { deps, revocations } = await setUp();

    await logOut(deps, { userId: 'sub-alice', correlationId: 'corr-9' });

    expect(revocations.records.get('sub-alice')).toEqual({
      userId: 'sub-alice',
      revokedAt: '2025-01-15T10:00:00.250Z',
      allowedSessions: [],
      expiresAt: new Date('2025-02-15T11:00:00.250Z'),
      correlationId: 'corr-9',
    });
  });

  it('revokes a refresh token it is given in the user pool', async () => {
    const { deps, pool, refreshToken } = await setUp();

    await logOut(deps, { userId: 'sub-alice', refreshToken, correlationId: 'c' });

    expect(pool.refreshTokens.has(refreshToken)).toBe(false);
  });

  it('succeeds when the given refresh token was already invalid', async () => {
    const { deps } = await setUp();

    await expect(
      logOut(deps, { userId: 'sub-alice', refreshToken: 'stale', correlationId: 'c' }),
    ).resolves.toBeUndefined();
  });

  it('fails when the user pool fails, after the logout is recorded', async () => {
    const { deps, pool, revocations, refreshToken } = await setUp();
    pool.failures.revokeRefreshToken = new Error('pool unavailable');

    await expect(logOut(deps, { userId: 'sub-alice', refreshToken, correlationId: 'c' })).rejects.toThrow(
      'pool unavailable',
    );
    expect(revocations.records.has('sub-alice')).toBe(true);
  });
});
