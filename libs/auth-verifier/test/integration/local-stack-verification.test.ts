import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { api, eventually, localStack, signedInUser, stackDocumentClient } from '@chat/testing';
import {
  cognitoAccessTokenCheck,
  dynamoRevocationReader,
  isRevoked,
  RevokedTokenError,
  tokenSessionOf,
  verifyAccessToken,
} from '../../src';

// Registers users and logs them out through the running stack (functions may start cold).

const LOCAL_REVOCATIONS_TABLE = 'chat-auth-local-revocations'; // chat-auth's table on the local stage

async function logOut(accessToken: string): Promise<void> {
  const response = await api('POST', '/auth/logout', { token: accessToken });
  expect(response.status).toBe(204);
}

describe('the verifier against the local stack (cognito-local, DynamoDB Local)', () => {
  const saved = { ...process.env };
  let documentClient: DynamoDBDocumentClient;

  beforeAll(() => {
    documentClient = stackDocumentClient();
  });

  afterAll(() => {
    documentClient.destroy();
    process.env = saved;
  });

  it("verifies cognito-local's access tokens on aws-jwt-verify's Cognito path, with the JWKS from the endpoint", async () => {
    const { cognito, userPoolId, userPoolClientId } = localStack();
    const user = await signedInUser();
    const check = cognitoAccessTokenCheck({
      userPoolId,
      clientId: userPoolClientId,
      cognitoEndpoint: cognito,
    });

    const payload = await check(user.accessToken);

    expect(payload).toMatchObject({
      sub: user.userId,
      username: user.username,
      token_use: 'access',
      client_id: userPoolClientId,
      iss: `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`,
    });
  });

  it('reads the revocation record the auth service writes at logout', async () => {
    const user = await signedInUser();
    const reader = dynamoRevocationReader(documentClient, LOCAL_REVOCATIONS_TABLE);
    const session = tokenSessionOf(
      JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString()),
    );
    expect(await reader.get(user.userId)).toBeUndefined();

    await logOut(user.accessToken);

    const record = await reader.get(user.userId);
    expect(record).toEqual({ userId: user.userId, revokedAt: expect.any(String), allowedSessions: [] });
    expect(isRevoked(record, session)).toBe(true);
  });

  it('verifies raw tokens from the function environment (as the WebSocket $connect does)', async () => {
    const { cognito, dynamodb, region, userPoolId, userPoolClientId } = localStack();
    Object.assign(process.env, {
      USER_POOL_ID: userPoolId,
      USER_POOL_CLIENT_ID: userPoolClientId,
      REVOCATIONS_TABLE: LOCAL_REVOCATIONS_TABLE,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const user = await signedInUser();

    await expect(verifyAccessToken(user.accessToken)).resolves.toEqual({
      userId: user.userId,
      username: user.username,
      tokenIssuedAt: expect.any(Number),
    });
    await logOut(user.accessToken);

    // The revocation cache is at most a second stale.
    const outcome = await eventually(
      async () => {
        const refusal = await verifyAccessToken(user.accessToken).catch((error: unknown) => error);
        if (!(refusal instanceof RevokedTokenError)) throw new Error('the token still verifies');
        return refusal;
      },
      { timeoutMs: 3_000, what: 'the verifier to refuse the revoked token' },
    );
    expect(outcome).toBeInstanceOf(RevokedTokenError);
  });
});
