import { ConflictError } from '@chat/runtime';
import { registerUser, type RegisterUserDependencies } from '../../../src/use-cases/register-user';
import { EmailTakenError, UsernameTakenError } from '../../../src/domain/errors';
import {
  aClock,
  aFakeIdentityProvider,
  anInMemoryUserStore,
  aRecordingLogger,
  sequentialIds,
} from '../../support/fakes';

function setUp(overrides: Partial<RegisterUserDependencies> = {}) {
  const clock = aClock('2025-01-15T10:00:00.000Z');
  const pool = aFakeIdentityProvider(clock);
  const store = anInMemoryUserStore();
  const logger = aRecordingLogger();
  const deps: RegisterUserDependencies = {
    identity: pool.identity,
    registrations: store.registrations,
    clock,
    ids: sequentialIds('claim'),
    autoConfirm: true,
    logger,
    ...overrides,
  };
  return { deps, pool, store, logger, clock };
}

const input = {
  username: 'alice',
  email: 'alice@example.com',
  password: 'Passw0rd!',
  correlationId: 'corr-1',
};

describe('registerUser', () => {
  it('signs the user up and stores the account with the username as display name', async () => {
    const { deps, store } = setUp();

    const result = await registerUser(deps, input);

    expect(result).toEqual({ userId: 'sub-alice', username: 'alice' });
    expect(store.users.get('sub-alice')).toEqual({
      userId: 'sub-alice',
      username: 'alice',
      displayName: 'alice',
      email: 'alice@example.com',
      createdAt: '2025-01-15T10:00:00.000Z',
      correlationId: 'corr-1',
    });
    expect(store.claims.get('username#alice')).toEqual({ claimId: 'claim-1', status: 'active' });
    expect(store.claims.get('email#alice@example.com')).toEqual({ claimId: 'claim-1', status: 'active' });
  });

  it('confirms the sign-up at once where the stage auto-confirms', async () => {
    const { deps, pool } = setUp({ autoConfirm: true });

    await registerUser(deps, input);

    expect(pool.users.get('alice')?.confirmed).toBe(true);
  });

  it('leaves the sign-up to be confirmed by code elsewhere', async () => {
    const { deps, pool } = setUp({ autoConfirm: false });

    await registerUser(deps, input);

    expect(pool.users.get('alice')?.confirmed).toBe(false);
    expect(pool.calls).not.toContain('confirmSignUpAsAdmin');
  });

  it('refuses a taken username without signing anything up', async () => {
    const { deps, pool } = setUp();
    await registerUser(deps, input);
    pool.calls.length = 0;

    await expect(registerUser(deps, { ...input, email: 'other@example.com' })).rejects.toBeInstanceOf(
      UsernameTakenError,
    );
    expect(pool.calls).toEqual([]);
  });

  it('refuses a registered e-mail address as a conflict', async () => {
    const { deps } = setUp();
    await registerUser(deps, input);

    const refusal = registerUser(deps, { ...input, username: 'alice2' });

    await expect(refusal).rejects.toBeInstanceOf(EmailTakenError);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
  });

  it('releases its claims when the user pool refuses the sign-up', async () => {
    const { deps, pool, store } = setUp();
    pool.add('alice', 'x'); // in the pool, though never claimed here

    await expect(registerUser(deps, input)).rejects.toBeInstanceOf(UsernameTakenError);
    expect(store.claims.size).toBe(0);
  });

  it('deletes the pool user and releases its claims when the account cannot be stored', async () => {
    const { deps, pool, store } = setUp();
    store.failures.complete = new Error('transaction failed');

    await expect(registerUser(deps, input)).rejects.toThrow('transaction failed');
    expect(pool.users.has('alice')).toBe(false);
    expect(store.claims.size).toBe(0);
  });

  it('deletes the pool user when the auto-confirmation fails', async () => {
    const { deps, pool, store } = setUp();
    pool.failures.confirmSignUpAsAdmin = new Error('throttled');

    await expect(registerUser(deps, input)).rejects.toThrow('throttled');
    expect(pool.users.has('alice')).toBe(false);
    expect(store.users.size).toBe(0);
  });

  it('reports the original failure even when the rollback fails, and logs the rollback failure', async () => {
    const { deps, pool, store, logger } = setUp();
    store.failures.complete = new Error('transaction failed');
    pool.failures.deleteUser = new Error('pool unavailable');

    await expect(registerUser(deps, input)).rejects.toThrow('transaction failed');
    expect(logger.lines.join('\n')).toContain('could not delete the pool user');
    expect(logger.lines.join('\n')).not.toContain(input.password);
  });

  it('lets a pending claim left by an abandoned registration be taken once it has expired', async () => {
    const { deps, store, clock } = setUp();
    store.claims.set('username#alice', {
      claimId: 'old',
      status: 'pending',
      expiresAt: clock.now().getTime() - 1,
    });

    await expect(registerUser(deps, input)).resolves.toEqual({ userId: 'sub-alice', username: 'alice' });
  });
});
