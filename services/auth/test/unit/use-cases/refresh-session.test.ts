import { refreshSession, type RefreshSessionDependencies } from '../../../src/use-cases/refresh-session';
import { InvalidRefreshTokenError } from '../../../src/domain/errors';
import {
  aClock,
  aFakeIdentityProvider,
  anInMemoryRevocationLedger,
  anInMemorySessionStore,
} from '../../support/fakes';

async function setUp() {
  const clock = aClock('2025-01-15T10:00:00.000Z');
  const pool = aFakeIdentityProvider(clock);
  const sessions = anInMemorySessionStore();
  const revocations = anInMemoryRevocationLedger();
  pool.add('alice', 'pw');
  const { refreshToken } = await pool.identity.passwordLogin('alice', 'pw');
  await sessions.store.start({
    refreshToken,
    userId: 'sub-alice',
    startedAt: new Date('2025-01-15T10:00:00.200Z'),
    expiresAt: new Date('2025-02-14T10:00:00.000Z'),
  });
  const deps: RefreshSessionDependencies = {
    identity: pool.identity,
    sessions: sessions.store,
    revocations: revocations.ledger,
  };
  pool.calls.length = 0;
  return { deps, pool, revocations, refreshToken, clock };
}

const revoke = (ledger: RefreshSessionDependencies['revocations'], at: string) =>
  ledger.revoke('sub-alice', new Date(at), {
    expiresAt: new Date('2025-03-01T00:00:00.000Z'),
    correlationId: 'c',
  });

describe('refreshSession', () => {
  it('answers new access and id tokens, without a refresh token', async () => {
    const { deps, refreshToken } = await setUp();

    await expect(refreshSession(deps, { refreshToken })).resolves.toEqual({
      accessToken: 'access-2',
      idToken: 'id-2',
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
  });

  it('refuses a refresh token of no sign-in made through this API, without asking the pool', async () => {
    const { deps, pool } = await setUp();

    await expect(refreshSession(deps, { refreshToken: 'unknown' })).rejects.toBeInstanceOf(
      InvalidRefreshTokenError,
    );
    expect(pool.calls).toEqual([]);
  });

  it("refuses the refresh token of a sign-in begun before the user's logout, without asking the pool", async () => {
    const { deps, pool, revocations, refreshToken } = await setUp();
    await revoke(revocations.ledger, '2025-01-15T10:00:00.200Z');

    await expect(refreshSession(deps, { refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(pool.calls).toEqual([]);
  });

  it('accepts the refresh token of a sign-in begun after the logout and allows its tokens', async () => {
    const { deps, revocations, refreshToken } = await setUp();
    await revoke(revocations.ledger, '2025-01-15T10:00:00.100Z');

    await refreshSession(deps, { refreshToken });

    expect(revocations.records.get('sub-alice')?.allowedSessions).toEqual(['jti-2']);
  });

  it('refuses a refresh token the pool no longer accepts', async () => {
    const { deps, pool, refreshToken } = await setUp();
    pool.refreshTokens.clear();

    await expect(refreshSession(deps, { refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });
});
