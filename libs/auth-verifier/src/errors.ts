import { UnauthenticatedError } from '@chat/runtime';

/** The token is missing, malformed, not an access token of this app client, or its signature does not verify. */
export class InvalidTokenError extends UnauthenticatedError {
  constructor(options?: { cause?: unknown }) {
    super('The access token is not valid', options);
  }
}

/** The token verified but its `exp` has passed: the client should refresh it. */
export class ExpiredTokenError extends UnauthenticatedError {
  constructor(options?: { cause?: unknown }) {
    super('The access token has expired', options);
  }
}

/** The token verified but belongs to a session its user has logged out of. */
export class RevokedTokenError extends UnauthenticatedError {
  constructor() {
    super('The access token has been revoked');
  }
}
