import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Jwks } from 'aws-jwt-verify/jwk';

export const TEST_POOL_ID = 'us-east-1_TestPool1';
export const TEST_CLIENT_ID = 'test-client-id';
export const TEST_ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${TEST_POOL_ID}`;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export interface SigningKey {
  kid: string;
  jwks: Jwks;
  /** A JWT (RS256) of `payload` signed with this key. */
  sign(payload: Record<string, unknown>, header?: Record<string, unknown>): string;
}

/** A fresh RSA key pair as a signer and its public JWKS (what Cognito publishes). */
export function aSigningKey(kid = `key-${randomUUID()}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    kid,
    jwks: { keys: [{ ...jwk, kty: 'RSA', kid, alg: 'RS256', use: 'sig' }] } as Jwks,
    sign(payload, header = {}) {
      const input = `${base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT', ...header }))}.${base64url(JSON.stringify(payload))}`;
      const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
      return `${input}.${base64url(signature)}`;
    },
  };
}

/** The claims of a Cognito access token of the test pool and client, valid for an hour from `now`. */
export function anAccessTokenPayload(
  overrides: Record<string, unknown> = {},
  now = Math.floor(Date.now() / 1000),
): Record<string, unknown> {
  return {
    sub: 'user-1',
    username: 'alice',
    iss: TEST_ISSUER,
    client_id: TEST_CLIENT_ID,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    ...overrides,
  };
}
