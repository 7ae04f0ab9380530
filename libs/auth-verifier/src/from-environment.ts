import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bearerToken, type Authenticator } from '@chat/http';
import { requireEnv } from '@chat/runtime';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token-verifier';
import { cognitoAccessTokenCheck } from './cognito-token-check';
import { dynamoRevocationReader } from './dynamodb-revocations';
import { cachedRevocations } from './revocation-cache';
import type { TokenPrincipal } from './token-session';
import { VERIFIER_ENV } from './deployment';

/**
 * Where Cognito is reached, as the AWS SDK decides it: the service-specific endpoint override, else the global
 * one, else undefined (AWS itself). The JWKS is read from the same place as every other Cognito call.
 */
export function cognitoEndpointFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER || env.AWS_ENDPOINT_URL;
  return value === undefined || value === '' ? undefined : value;
}

let shared: AccessTokenVerifier | undefined;

/**
 * The function's verifier, built on first use from its environment (USER_POOL_ID, USER_POOL_CLIENT_ID,
 * REVOCATIONS_TABLE; see `tokenVerifierAccess`), then kept for the life of the Lambda sandbox, with its JWKS
 * and its revocation cache.
 */
export function accessTokenVerifierFromEnvironment(): AccessTokenVerifier {
  if (shared) return shared;
  const cognitoEndpoint = cognitoEndpointFromEnvironment();
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  shared = createAccessTokenVerifier({
    checkToken: cognitoAccessTokenCheck({
      userPoolId: requireEnv(VERIFIER_ENV.userPoolId),
      clientId: requireEnv(VERIFIER_ENV.userPoolClientId),
      ...(cognitoEndpoint ? { cognitoEndpoint } : {}),
    }),
    revocations: cachedRevocations(
      dynamoRevocationReader(documentClient, requireEnv(VERIFIER_ENV.revocationsTable)),
    ),
  });
  return shared;
}

/** Verifies a raw access token (e.g. the `token` query parameter of the WebSocket `$connect`). */
export function verifyAccessToken(token: string | undefined): Promise<TokenPrincipal> {
  return accessTokenVerifierFromEnvironment().verify(token);
}

/** The Authenticator for `httpHandler({ auth })`: the bearer token, verified with the function's verifier. */
export const authenticator: Authenticator = {
  authenticate: async (event) => accessTokenVerifierFromEnvironment().verify(bearerToken(event)),
};
