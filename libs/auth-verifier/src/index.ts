export {
  createAccessTokenVerifier,
  bearerAuthenticator,
  type AccessTokenVerifier,
  type AccessTokenVerifierDependencies,
} from './access-token-verifier';
export {
  cognitoAccessTokenCheck,
  endpointJwksFetcher,
  jwksUriAtEndpoint,
  type AccessTokenCheck,
  type CognitoAccessTokenCheckOptions,
} from './cognito-token-check';
export { ExpiredTokenError, InvalidTokenError, RevokedTokenError } from './errors';
export {
  isFinallyRevoked,
  isRevoked,
  FINAL_REFUSAL_MARGIN_SECONDS,
  lastRevokedSecond,
  revocationAttributes,
  revocationRecordOf,
  type RevocationReader,
  type RevocationRecord,
} from './revocation';
export {
  cachedRevocations,
  MAX_REVOCATION_STALENESS_MS,
  type CachedRevocationReader,
  type CachedRevocationsOptions,
} from './revocation-cache';
export { dynamoRevocationReader } from './dynamodb-revocations';
export { principalOf, tokenSessionOf, type TokenPrincipal, type TokenSession } from './token-session';
export {
  accessTokenVerifierFromEnvironment,
  authenticator,
  cognitoEndpointFromEnvironment,
  verifyAccessToken,
} from './from-environment';
export {
  REVOCATIONS_TABLE_NAME,
  tokenVerifierAccess,
  VERIFIER_ENV,
  type TokenVerifierAccess,
  type TokenVerifierAccessOptions,
} from './deployment';
