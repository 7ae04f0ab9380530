import { isRevoked } from '@chat/auth-verifier';
import { closeAccount, eraseAccount } from '../../../src/use-cases/close-account';
import { WrongPasswordError } from '../../../src/domain/errors';
import { revocationEventsOf } from '../../../src/use-cases/stream-events';
import {
  aClock,
  aFakeIdentityProvider,
  anInMemoryRevocationLedger,
  anInMemoryUserStore,
  aRecordingLogger,
} from '../../support/fakes';

function setUp() {
  const clock = aClock('2025-01-15T10:00:00.250Z');
  const pool = aFakeIdentityProvider(clock);
  const revocations = anInMemoryRevocationLedger();
  const store = anInMemoryUserStore();
  pool.add('alice', 'pw');
  store.users.set('sub-alice', {
    userId: 'sub-alice',
    username: 'alice',
    displayName: 'Alice',
    email: 'alice@example.com',
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  store.claims.set('username#alice', { claimId: 'c1', status: 'active' });
  store.claims.set('email#alice@example.com', { claimId: 'c1', status: 'active' });
  const deps = {
    identity: pool.identity,
    profiles: store.profiles,
    registrations: store.registrations,
    revocations: revocations.ledger,
    clock,
    logger: aRecordingLogger(),
  };
  return { deps, pool, revocations, store };
}

const input = { userId: 'sub-alice', password: 'pw', correlationId: 'corr-1' };

describe('closeAccount', () => {
  it('refuses a wrong password and changes nothing', async () => {
    const { deps, pool, revocations } = setUp();

    await expect(closeAccount(deps, { ...input, password: 'nope' })).rejects.toThrow(WrongPasswordError);

    expect(revocations.records.size).toBe(0);
    expect(pool.disabled.size).toBe(0);
  });

  it('closes the record for good (every session refused, whenever it began) and disables the pool user', async () => {
    const { deps, pool, revocations } = setUp();

    const outcome = await closeAccount(deps, input);
    const record = await revocations.ledger.current('sub-alice');

    expect(outcome).toBe('closed');
    expect(record?.closedAt).toBe('2025-01-15T10:00:00.250Z');
    expect(isRevoked(record, { userId: 'sub-alice', authTime: 4_000_000_000, sessionKey: 'later' })).toBe(
      true,
    );
    expect([...pool.disabled]).toEqual(['alice']);
  });

  it('answers already-closed a second time, without asking for the password again', async () => {
    const { deps, pool } = setUp();
    await closeAccount(deps, input);

    const again = await closeAccount(deps, { ...input, password: 'anything' });

    expect(again).toBe('already-closed');
    expect(pool.calls.filter((c) => c === 'passwordLogin')).toHaveLength(1);
  });

  it('still closes when disabling the pool user fails (the saga deletes it), and logs it', async () => {
    const { deps, pool } = setUp();
    pool.failures.disableUser = new Error('pool down');

    await expect(closeAccount(deps, input)).resolves.toBe('closed');
    expect(deps.logger.lines.some((line) => line.includes('disabling the pool user failed'))).toBe(true);
  });

  it('refuses a later logout from replacing the closed record', async () => {
    const { deps, revocations } = setUp();
    await closeAccount(deps, input);

    await revocations.ledger.revoke('sub-alice', new Date('2025-01-16T00:00:00.000Z'), {
      expiresAt: new Date('2025-02-16T00:00:00.000Z'),
      correlationId: 'c2',
    });

    expect((await revocations.ledger.current('sub-alice'))?.closedAt).toBeDefined();
  });
});

describe('eraseAccount', () => {
  it('deletes the pool user, frees the e-mail, keeps the username reserved and deletes the profile last', async () => {
    const { deps, pool, store } = setUp();

    expect(await eraseAccount(deps, 'sub-alice')).toBe('erased');

    expect(pool.users.has('alice')).toBe(false);
    expect(store.claims.has('email#alice@example.com')).toBe(false);
    expect(store.claims.get('username#alice')?.status).toBe('retired');
    expect(store.users.has('sub-alice')).toBe(false);
  });

  it('finishes the job when run again after a failure part-way, and then has nothing to do', async () => {
    const { deps, pool, store } = setUp();
    const retire = deps.registrations.retire;
    deps.registrations.retire = async () => {
      throw new Error('claims table down');
    };
    await expect(eraseAccount(deps, 'sub-alice')).rejects.toThrow('claims table down');
    expect(store.users.has('sub-alice')).toBe(true);

    deps.registrations.retire = retire;
    expect(await eraseAccount(deps, 'sub-alice')).toBe('erased');
    expect(await eraseAccount(deps, 'sub-alice')).toBe('gone');
    expect(pool.users.has('alice')).toBe(false);
    expect(store.claims.get('username#alice')?.status).toBe('retired');
  });
});

describe('revocationEventsOf', () => {
  const record = { eventID: 'e1', eventSourceARN: 'arn:stream', eventName: 'INSERT' as const };

  it('publishes UserLoggedOut and UserDeleted, with distinct ids, when a record closes an account', () => {
    const image = {
      userId: 'sub-alice',
      revokedAt: '2025-01-15T10:00:00.250Z',
      closedAt: '2025-01-15T10:00:00.250Z',
      correlationId: 'c1',
    };

    const events = revocationEventsOf(record, image, undefined);

    expect(events.map((e) => [e.metadata.eventType, e.data])).toEqual([
      ['UserLoggedOut', { userId: 'sub-alice', revokedBefore: '2025-01-15T10:00:00.250Z' }],
      ['UserDeleted', { userId: 'sub-alice' }],
    ]);
    expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(2);
  });

  it('publishes no UserDeleted for a plain logout, nor again for a record already closed', () => {
    const closed = {
      userId: 'sub-alice',
      revokedAt: '2025-01-15T10:00:00.250Z',
      closedAt: '2025-01-15T10:00:00.250Z',
    };

    const logout = revocationEventsOf(
      record,
      { userId: 'sub-alice', revokedAt: '2025-01-15T10:00:00.250Z' },
      undefined,
    );
    const touched = revocationEventsOf({ ...record, eventName: 'MODIFY' }, closed, closed);

    expect(logout.map((e) => e.metadata.eventType)).toEqual(['UserLoggedOut']);
    expect(touched).toEqual([]);
  });
});
