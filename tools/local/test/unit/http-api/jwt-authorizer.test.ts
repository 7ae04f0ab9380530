import { authorizeJwt, bearerToken, stringifyClaims } from '../../../src/cloud/http-api/jwt-authorizer';

const accept = (claims: Record<string, unknown>) => async (): Promise<Record<string, unknown>> => claims;
const refuse = async (): Promise<Record<string, unknown>> => {
  throw new Error('expired');
};

describe('bearerToken', () => {
  it('takes the token with or without the Bearer prefix', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc')).toBe('abc');
    expect(bearerToken('abc')).toBe('abc');
  });

  it('finds no token in a missing or empty header', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});

describe('stringifyClaims', () => {
  it('coerces every claim to a string as API Gateway does', () => {
    expect(
      stringifyClaims({
        sub: 'u1',
        exp: 1700000000,
        email_verified: true,
        'cognito:groups': ['a', 'b'],
        o: { x: 1 },
      }),
    ).toEqual({
      sub: 'u1',
      exp: '1700000000',
      email_verified: 'true',
      'cognito:groups': '[a b]',
      o: '{"x":1}',
    });
  });
});

describe('authorizeJwt', () => {
  it('is unauthorized without a token', async () => {
    await expect(authorizeJwt(undefined, undefined, accept({}))).resolves.toEqual({
      outcome: 'unauthorized',
      wwwAuthenticate: 'Bearer',
    });
  });

  it('is unauthorized when verification fails', async () => {
    await expect(authorizeJwt('Bearer t', undefined, refuse)).resolves.toMatchObject({
      outcome: 'unauthorized',
    });
  });

  it('passes the verified token to verify and returns string claims and the token scopes', async () => {
    const verify = jest.fn(accept({ sub: 'u1', scope: 'chat/read chat/write', exp: 5 }));

    const decision = await authorizeJwt('Bearer tok', undefined, verify);

    expect(verify).toHaveBeenCalledWith('tok');
    expect(decision).toEqual({
      outcome: 'allow',
      authorizer: {
        jwt: {
          claims: { sub: 'u1', scope: 'chat/read chat/write', exp: '5' },
          scopes: ['chat/read', 'chat/write'],
        },
      },
    });
  });

  it('reports null scopes for a token without any', async () => {
    const decision = await authorizeJwt('Bearer tok', undefined, accept({ sub: 'u1' }));

    expect(decision).toMatchObject({ authorizer: { jwt: { scopes: null } } });
  });

  it('is forbidden when the route requires scopes the token lacks', async () => {
    await expect(authorizeJwt('Bearer t', ['admin'], accept({ scope: 'chat/read' }))).resolves.toEqual({
      outcome: 'forbidden',
    });
    await expect(authorizeJwt('Bearer t', ['admin'], accept({ scp: ['admin'] }))).resolves.toMatchObject({
      outcome: 'allow',
    });
  });
});
