import { FetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import {
  cognitoAccessTokenCheck,
  ExpiredTokenError,
  InvalidTokenError,
  jwksUriAtEndpoint,
  type AccessTokenCheck,
} from '../../src';
import {
  aSigningKey,
  anAccessTokenPayload,
  TEST_CLIENT_ID,
  TEST_POOL_ID,
  type SigningKey,
} from '../support/tokens';

/** A fetcher that serves `jwks` for any URI and counts the requests (no network). */
function servingFetcher(jwks: object): Fetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetch(uri) {
      calls.push(uri);
      return new TextEncoder().encode(JSON.stringify(jwks)).buffer as ArrayBuffer;
    },
  };
}

describe('cognitoAccessTokenCheck', () => {
  let key: SigningKey;
  let check: AccessTokenCheck;
  let fetcher: ReturnType<typeof servingFetcher>;

  beforeAll(() => {
    key = aSigningKey();
  });

  beforeEach(() => {
    fetcher = servingFetcher(key.jwks);
    check = cognitoAccessTokenCheck({ userPoolId: TEST_POOL_ID, clientId: TEST_CLIENT_ID, fetcher });
  });

  it('accepts an access token of the pool and app client, signed with a key of its JWKS', async () => {
    const payload = anAccessTokenPayload({ sub: 'user-42', username: 'bob' });

    const verified = await check(key.sign(payload));

    expect(verified).toMatchObject({ sub: 'user-42', username: 'bob', token_use: 'access' });
  });

  it("fetches the JWKS from Cognito's URL for the pool once, then reuses it", async () => {
    await check(key.sign(anAccessTokenPayload()));
    await check(key.sign(anAccessTokenPayload()));

    expect(fetcher.calls).toEqual([
      `https://cognito-idp.us-east-1.amazonaws.com/${TEST_POOL_ID}/.well-known/jwks.json`,
    ]);
  });

  it('uses a JWKS given up front without fetching', async () => {
    const primed = cognitoAccessTokenCheck({
      userPoolId: TEST_POOL_ID,
      clientId: TEST_CLIENT_ID,
      jwks: key.jwks,
      fetcher,
    });

    await primed(key.sign(anAccessTokenPayload()));

    expect(fetcher.calls).toEqual([]);
  });

  it('refuses an expired token as expired', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;

    await expect(check(key.sign(anAccessTokenPayload({}, past)))).rejects.toBeInstanceOf(ExpiredTokenError);
  });

  it.each([
    ['an id token', { token_use: 'id', aud: TEST_CLIENT_ID }],
    ["another app client's token", { client_id: 'another-client' }],
    ["another pool's token", { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }],
    ['a token without token_use', { token_use: undefined }],
  ])('refuses %s as invalid', async (_, overrides) => {
    await expect(check(key.sign(anAccessTokenPayload(overrides)))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token signed with another key under a known key id', async () => {
    const impostor = aSigningKey(key.kid);

    await expect(check(impostor.sign(anAccessTokenPayload()))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token whose key id is not in the JWKS', async () => {
    const stranger = aSigningKey();

    await expect(check(stranger.sign(anAccessTokenPayload()))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [header, payload] = key.sign(anAccessTokenPayload()).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url')}.${payload}.`;

    expect(header).toBeDefined();
    await expect(check(unsigned)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it.each(['garbage', 'a.b.c', '', 'Bearer x'])('refuses the malformed token %p', async (token) => {
    await expect(check(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('lets a JWKS that cannot be fetched surface as a server fault, not a 401', async () => {
    const failing = cognitoAccessTokenCheck({
      userPoolId: TEST_POOL_ID,
      clientId: TEST_CLIENT_ID,
      fetcher: {
        fetch: async (uri) => {
          throw new FetchError(uri, 'connection refused');
        },
      },
    });

    await expect(failing(key.sign(anAccessTokenPayload()))).rejects.toBeInstanceOf(FetchError);
  });
});

describe('jwksUriAtEndpoint', () => {
  it("maps Cognito's JWKS URL of a pool to the same path at an endpoint override", () => {
    expect(
      jwksUriAtEndpoint(
        'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json',
        'http://127.0.0.1:9229/',
      ),
    ).toBe('http://127.0.0.1:9229/eu-west-1_AbC123/.well-known/jwks.json');
  });

  it('refuses a URL that is not a Cognito JWKS URL', () => {
    expect(() => jwksUriAtEndpoint('https://example.com/jwks.json', 'http://127.0.0.1:9229')).toThrow(
      /Not a Cognito JWKS URI/,
    );
  });
});
