import { createSign, randomUUID } from 'node:crypto';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { api, localStack, registerUser, signedInUser, type ErrorBody } from '@chat/testing';

// Each test drives several real requests through the local stack (cold functions start in a few seconds).

/**
 * cognito-local signs every token with one fixed key shipped in its package. Signing with it here makes tokens
 * that are genuine in every respect but the one under test (an `exp` in the past).
 */
function signedLikeCognitoLocal(payload: Record<string, unknown>): string {
  const keyFile = path.join(
    path.dirname(require.resolve('cognito-local/package.json')),
    'lib/keys/cognitoLocal.private.json',
  );
  const { pem } = JSON.parse(readFileSync(keyFile, 'utf8')) as { pem: string };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' })}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(pem).toString('base64url')}`;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

const getMe = (token?: string, headers?: Record<string, string>) =>
  api<ErrorBody>('GET', '/users/me', {
    ...(token === undefined ? {} : { token }),
    ...(headers ? { headers } : {}),
  });

describe('a protected route (GET /users/me)', () => {
  it('accepts a genuine access token signed the same way (the control for the forged cases)', async () => {
    const user = await signedInUser();
    const now = Math.floor(Date.now() / 1000);

    const resigned = signedLikeCognitoLocal({ ...claimsOf(user.accessToken), iat: now, exp: now + 600 });

    expect((await getMe(resigned)).status).toBe(200);
  });

  it('refuses a request without an Authorization header', async () => {
    const response = await getMe();

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a garbage token', 'garbage'],
    ['a token of three garbage parts', 'aaa.bbb.ccc'],
  ])('refuses %s', async (_, token) => {
    const response = await getMe(token);

    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The access token is not valid',
    });
  });

  it('refuses another authorization scheme', async () => {
    const user = await signedInUser();

    expect((await getMe(undefined, { authorization: `Basic ${user.accessToken}` })).status).toBe(401);
  });

  it('refuses an expired access token', async () => {
    const user = await signedInUser();
    const past = Math.floor(Date.now() / 1000) - 7200;

    const expired = signedLikeCognitoLocal({
      ...claimsOf(user.accessToken),
      iat: past,
      auth_time: past,
      exp: past + 3600,
    });
    const response = await getMe(expired);

    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'The access token has expired' });
  });

  it('refuses an id token in place of the access token', async () => {
    const user = await signedInUser();

    expect((await getMe(user.idToken)).status).toBe(401);
  });

  it('refuses a token whose signature does not match its content', async () => {
    const user = await signedInUser();
    const [header, , signature] = user.accessToken.split('.');
    const tampered = Buffer.from(
      JSON.stringify({ ...claimsOf(user.accessToken), sub: randomUUID() }),
    ).toString('base64url');

    expect((await getMe(`${header}.${tampered}.${signature}`)).status).toBe(401);
  });

  it('refuses an access token issued to another app client of the same pool', async () => {
    const user = await registerUser();
    const { cognito, region, userPoolId } = localStack();
    const client = new CognitoIdentityProviderClient({
      endpoint: cognito,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { UserPoolClient } = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: `other-client-${randomUUID()}`,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
        }),
      );
      const { AuthenticationResult } = await client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: UserPoolClient?.ClientId,
          AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
        }),
      );
      const otherClientsToken = AuthenticationResult?.AccessToken ?? '';
      expect(claimsOf(otherClientsToken)).toMatchObject({ token_use: 'access', sub: user.userId });

      const response = await getMe(otherClientsToken);

      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'The access token is not valid',
      });
    } finally {
      client.destroy();
    }
  });
});
