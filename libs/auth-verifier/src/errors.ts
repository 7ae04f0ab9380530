import { UnauthenticatedError, withMessage } from '@chat/runtime';

/** The token is missing, malformed, not an access token of this app client, or its signature does not verify. */
export class InvalidTokenError extends withMessage(UnauthenticatedError, 'The access token is not valid') {}

/** The token verified but its `exp` has passed: the client should refresh it. */
export class ExpiredTokenError extends withMessage(UnauthenticatedError, 'The access token has expired') {}

/** The token verified but belongs to a session its user has logged out of. */
export class RevokedTokenError extends withMessage(
  UnauthenticatedError,
  'The access token has been revoked',
) {}
