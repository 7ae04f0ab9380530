import type { Logger } from '@chat/runtime';
import { AccountNotConfirmedError, InvalidCredentialsError, WrongPasswordError } from '../domain/errors';
import type { Clock, IdentityProvider, ProfileStore, RegistrationStore, RevocationLedger } from './ports';

export interface CloseAccountDependencies {
  identity: IdentityProvider;
  profiles: ProfileStore;
  revocations: RevocationLedger;
  clock: Clock;
  logger: Logger;
}

export interface CloseAccountInput {
  userId: string;
  password: string;
  correlationId: string;
}

/**
 * `DELETE /users/me {password}`: closes the caller's account (docs/decisions/007-account-closing.md). The password is
 * checked first (wrong: WrongPasswordError, 401, nothing changes). Then one conditional write closes the
 * revocation record: every token of the user is refused from then on (every service's verifier reads it), login
 * is refused, and the record's stream publishes UserLoggedOut (realtime closes the sockets) and UserDeleted (every
 * service erases what it holds). The user-pool user is disabled at once too; the saga deletes it.
 * An account already closed (or already erased) answers 'already-closed' and changes nothing.
 */
export async function closeAccount(
  deps: CloseAccountDependencies,
  input: CloseAccountInput,
): Promise<'closed' | 'already-closed'> {
  const [record, profile] = await Promise.all([
    deps.revocations.current(input.userId),
    deps.profiles.get(input.userId),
  ]);
  if (record?.closedAt !== undefined || !profile) return 'already-closed';
  try {
    await deps.identity.passwordLogin(profile.username, input.password);
  } catch (error) {
    if (error instanceof InvalidCredentialsError || error instanceof AccountNotConfirmedError) {
      throw new WrongPasswordError({ cause: error });
    }
    throw error;
  }
  const outcome = await deps.revocations.close(input.userId, deps.clock.now(), {
    correlationId: input.correlationId,
  });
  try {
    await deps.identity.disableUser(profile.username);
  } catch (error) {
    // Not lost: login is refused by the closed record already, and the saga deletes the pool user (retried).
    deps.logger.error('closing an account: disabling the pool user failed; the erasure deletes it', {
      error,
    });
  }
  return outcome;
}

export interface EraseAccountDependencies {
  identity: IdentityProvider;
  profiles: ProfileStore;
  registrations: RegistrationStore;
}

/**
 * auth's step of the UserDeleted saga: deletes the user-pool user, releases the e-mail claim, keeps the username
 * reserved (a retired claim), then deletes the profile. The profile goes last, so a run cut short anywhere is
 * finished by the next one (each step is idempotent); once it is gone there is nothing left to do.
 */
export async function eraseAccount(
  deps: EraseAccountDependencies,
  userId: string,
): Promise<'erased' | 'gone'> {
  const profile = await deps.profiles.get(userId);
  if (!profile) return 'gone';
  await deps.identity.deleteUser(profile.username);
  await deps.registrations.retire(profile);
  await deps.profiles.remove(userId);
  return 'erased';
}
