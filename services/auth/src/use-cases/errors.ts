import {
  ConflictError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '@chat/runtime';

export class UsernameTakenError extends ConflictError {
  constructor(options?: { cause?: unknown }) {
    super('The username is already taken', options);
  }
}

export class EmailTakenError extends ConflictError {
  constructor(options?: { cause?: unknown }) {
    super('The e-mail address is already registered', options);
  }
}

/** The identity provider refused the password (its policy may be stricter than the one checked first). */
export class WeakPasswordError extends ValidationError {
  constructor(options?: { cause?: unknown }) {
    super([{ field: 'password', message: 'does not meet the password policy' }], undefined, options);
  }
}

/** The identity provider refused the sign-up's attributes for a reason the request checks did not catch. */
export class RegistrationRefusedError extends ValidationError {
  constructor(options?: { cause?: unknown }) {
    super(
      [{ field: 'body', message: 'The username, e-mail address or password was refused' }],
      undefined,
      options,
    );
  }
}

export class InvalidConfirmationCodeError extends ValidationError {
  constructor(options?: { cause?: unknown }) {
    super([{ field: 'code', message: 'is not valid for this username' }], undefined, options);
  }
}

/** Unknown user and wrong password alike: one status, one message (no account enumeration). */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor(options?: { cause?: unknown }) {
    super('The username or password is incorrect', options);
  }
}

/** Only ever reported after the right password was given, so it reveals nothing to a guesser. */
export class AccountNotConfirmedError extends UnauthenticatedError {
  constructor(options?: { cause?: unknown }) {
    super('The account is not confirmed yet', options);
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  constructor(options?: { cause?: unknown }) {
    super('The refresh token is not valid', options);
  }
}

export class LoginThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many failed logins for this username; try again later');
  }
}

export class ProfileNotFoundError extends NotFoundError {
  constructor() {
    super('The user was not found');
  }
}
