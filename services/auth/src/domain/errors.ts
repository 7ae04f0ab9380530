import {
  ConflictError,
  invalidField,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  withMessage,
} from '@chat/runtime';

export class UsernameTakenError extends withMessage(ConflictError, 'The username is already taken') {}

export class EmailTakenError extends withMessage(ConflictError, 'The e-mail address is already registered') {}

/** The identity provider refused the password (its policy may be stricter than the one checked first). */
export class WeakPasswordError extends invalidField('password', 'does not meet the password policy') {}

/** The identity provider refused the sign-up's attributes for a reason the request checks did not catch. */
export class RegistrationRefusedError extends invalidField(
  'body',
  'The username, e-mail address or password was refused',
) {}

export class InvalidConfirmationCodeError extends invalidField('code', 'is not valid for this username') {}

/** Unknown user and wrong password alike: one status, one message (no account enumeration). */
export class InvalidCredentialsError extends withMessage(
  UnauthenticatedError,
  'The username or password is incorrect',
) {}

/** Only ever reported after the right password was given, so it reveals nothing to a guesser. */
export class AccountNotConfirmedError extends withMessage(
  UnauthenticatedError,
  'The account is not confirmed yet',
) {}

export class InvalidRefreshTokenError extends withMessage(
  UnauthenticatedError,
  'The refresh token is not valid',
) {}

export class LoginThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many failed logins for this username; try again later');
  }
}

export class ProfileNotFoundError extends withMessage(NotFoundError, 'The user was not found') {}

/** Closing an account with a password that is not the account's: nothing is closed or erased. */
export class WrongPasswordError extends withMessage(UnauthenticatedError, 'The password is incorrect') {}
