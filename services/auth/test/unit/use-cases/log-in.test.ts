import { logIn, type LogInDependencies } from '../../../src/use-cases/log-in';
import {
  AccountNotConfirmedError,
  InvalidCredentialsError,
  LoginThrottledError,
} from '../../../src/domain/errors';
import {
  aClock,
  aFakeIdentityProvider,
  anInMemoryLoginAttempts,
  anInMemoryRevocationLedger,
  anInMemorySessionStore,
} from '../../support/fakes';

function setUp() {
  const clock = aClock('2025-01-15T10:00:00.000Z');
  const pool = aFakeIdentityProvider(clock);
  const attempts = anInMemoryLoginAttempts();
  const sessions = anInMemorySessionStore();
  const revocations = anInMemoryRevocationLedger();
  pool.add('alice', 'Right-Passw0rd');
  const deps: LogInDependencies = {
    identity: pool.identity,
    attempts: attempts.attempts,
    sessions: sessions.store,
    revocations: revocations.ledger,
    clock,
    policy: { maxFailures: 3, windowSeconds: 600 },
  };
  return { deps, pool, attempts, sessions, revocations, clock };
}

describe('logIn', () => {
  it('answers the tokens as Bearer tokens and records the sign-in session', async () => {
    const { deps, sessions } = setUp();

    const result = await logIn(deps, { username: 'alice', password: 'Right-Passw0rd' });

    expect(result).toEqual({
      accessToken: 'access-1',
      idToken: 'id-1',
      refreshToken: 'refresh-1',
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    expect(sessions.sessions.get('refresh-1')).toEqual({
      userId: 'sub-alice',
      startedAt: new Date('2025-01-15T10:00:00.000Z'),
      expiresAt: new Date('2025-02-14T10:00:00.000Z'),
    });
  });

  it('refuses a wrong password and an unknown user with the same error, counting both', async () => {
    const { deps, attempts } = setUp();

    await expect(logIn(deps, { username: 'alice', password: 'wrong' })).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await expect(logIn(deps, { username: 'nobody', password: 'wrong' })).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(attempts.counts.get('alice')?.failures).toBe(1);
    expect(attempts.counts.get('nobody')?.failures).toBe(1);
  });

  it('refuses further logins once the failures reach the limit, until the window ends', async () => {
    const { deps, pool, clock } = setUp();
    for (let i = 0; i < 3; i += 1) {
      await expect(logIn(deps, { username: 'alice', password: 'wrong' })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    }
    clock.advance(100_000);
    pool.calls.length = 0;

    const refusal = logIn(deps, { username: 'alice', password: 'Right-Passw0rd' });

    await expect(refusal).rejects.toBeInstanceOf(LoginThrottledError);
    await expect(refusal).rejects.toMatchObject({ retryAfterSeconds: 500 });
    expect(pool.calls).toEqual([]);

    clock.advance(500_000);
    await expect(logIn(deps, { username: 'alice', password: 'Right-Passw0rd' })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });

  it('clears the failures on a successful login', async () => {
    const { deps, attempts } = setUp();
    await expect(logIn(deps, { username: 'alice', password: 'wrong' })).rejects.toThrow();

    await logIn(deps, { username: 'alice', password: 'Right-Passw0rd' });

    expect(attempts.counts.has('alice')).toBe(false);
  });

  it('does not count an unconfirmed account (the password was right) as a failure', async () => {
    const { deps, pool, attempts } = setUp();
    pool.add('bob', 'Right-Passw0rd', { confirmed: false });

    await expect(logIn(deps, { username: 'bob', password: 'Right-Passw0rd' })).rejects.toBeInstanceOf(
      AccountNotConfirmedError,
    );
    expect(attempts.counts.has('bob')).toBe(false);
  });

  it('allows the new session when it is made within the second of a logout, after it', async () => {
    const { deps, revocations, clock } = setUp();
    await revocations.ledger.revoke('sub-alice', new Date('2025-01-15T10:00:00.100Z'), {
      expiresAt: new Date('2025-03-01T00:00:00.000Z'),
      correlationId: 'c',
    });
    clock.set('2025-01-15T10:00:00.300Z');

    await logIn(deps, { username: 'alice', password: 'Right-Passw0rd' });

    expect(revocations.records.get('sub-alice')?.allowedSessions).toEqual(['jti-1']);
  });

  it('does not allow a session whose login began before the logout', async () => {
    const { deps, revocations, clock } = setUp();
    clock.set('2025-01-15T10:00:00.100Z');
    await revocations.ledger.revoke('sub-alice', new Date('2025-01-15T10:00:00.500Z'), {
      expiresAt: new Date('2025-03-01T00:00:00.000Z'),
      correlationId: 'c',
    });

    await logIn(deps, { username: 'alice', password: 'Right-Passw0rd' });

    expect(revocations.records.get('sub-alice')?.allowedSessions).toEqual([]);
  });

  it('leaves the record alone when the new session is after the logout second anyway', async () => {
    const { deps, revocations, clock } = setUp();
    await revocations.ledger.revoke('sub-alice', new Date('2025-01-15T09:59:58.000Z'), {
      expiresAt: new Date('2025-03-01T00:00:00.000Z'),
      correlationId: 'c',
    });
    clock.set('2025-01-15T10:00:00.000Z');

    await logIn(deps, { username: 'alice', password: 'Right-Passw0rd' });

    expect(revocations.records.get('sub-alice')?.allowedSessions).toEqual([]);
  });
});
