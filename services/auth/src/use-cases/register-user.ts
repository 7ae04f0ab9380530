import type { Logger } from '@chat/runtime';
import type { UserRecord } from '../domain/user';
import type { Clock, IdentityProvider, IdGenerator, RegistrationStore, UniquenessClaim } from './ports';

/** A pending claim frees itself after this long if its registration never completes. */
export const CLAIM_HOLD_SECONDS = 15 * 60;

export interface RegisterUserDependencies {
  identity: IdentityProvider;
  registrations: RegistrationStore;
  clock: Clock;
  ids: IdGenerator;
  /** Confirm sign-ups at once (the local stage) instead of waiting for the e-mailed code. */
  autoConfirm: boolean;
  logger: Logger;
}

/** Already validated and normalized: lower-case username and e-mail, a password that meets the policy. */
export interface RegisterUserInput {
  username: string;
  email: string;
  password: string;
  correlationId: string;
}

/**
 * Registers a user: claims the username and the e-mail address (unique in any case; Cognito enforces neither
 * e-mail uniqueness nor, locally, case-insensitivity), signs up in the user pool, auto-confirms where the stage
 * says so, then stores the account, whose insert the users table's stream publishes as UserRegistered. A
 * failure after the claim undoes what was done (claims released, pool user deleted).
 */
export async function registerUser(
  deps: RegisterUserDependencies,
  input: RegisterUserInput,
): Promise<{ userId: string; username: string }> {
  const now = deps.clock.now();
  const claim: UniquenessClaim = { username: input.username, email: input.email, claimId: deps.ids.next() };
  await deps.registrations.claim(claim, {
    now,
    expiresAt: new Date(now.getTime() + CLAIM_HOLD_SECONDS * 1000),
  });

  let userId: string;
  try {
    const signedUp = await deps.identity.signUp(input);
    userId = signedUp.userId;
    try {
      if (deps.autoConfirm && !signedUp.confirmed) await deps.identity.confirmSignUpAsAdmin(input.username);
      const user: UserRecord = {
        userId,
        username: input.username,
        displayName: input.username,
        email: input.email,
        createdAt: now.toISOString(),
      };
      await deps.registrations.complete(user, claim, input.correlationId);
    } catch (error) {
      await undo(deps, 'delete the pool user', () => deps.identity.deleteUser(input.username));
      throw error;
    }
  } catch (error) {
    await undo(deps, 'release the claims', () => deps.registrations.release(claim));
    throw error;
  }
  return { userId, username: input.username };
}

async function undo(deps: RegisterUserDependencies, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    deps.logger.error(`registration rollback failed: could not ${what}`, { error });
  }
}
