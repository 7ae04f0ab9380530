import { FetchError } from 'aws-jwt-verify/error';
import { cognitoEndpointFromEnvironment, endpointJwksFetcher } from '../../src';

const COGNITO_JWKS = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1/.well-known/jwks.json';

describe('endpointJwksFetcher', () => {
  afterEach(() => jest.restoreAllMocks());

  it("reads Cognito's JWKS of the pool from the endpoint override instead", async () => {
    const fetchSpy = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('{"keys":[]}', { status: 200 }));

    const body = await endpointJwksFetcher('http://127.0.0.1:9229').fetch(COGNITO_JWKS);

    expect(fetchSpy).toHaveBeenCalledWith(
      'http://127.0.0.1:9229/us-east-1_Pool1/.well-known/jwks.json',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(new TextDecoder().decode(body)).toBe('{"keys":[]}');
  });

  it('reports an error status as a fetch error', async () => {
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('nope', { status: 503 }));

    await expect(endpointJwksFetcher('http://127.0.0.1:9229').fetch(COGNITO_JWKS)).rejects.toBeInstanceOf(
      FetchError,
    );
  });

  it('reports an unreachable endpoint as a fetch error', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));

    await expect(endpointJwksFetcher('http://127.0.0.1:9229').fetch(COGNITO_JWKS)).rejects.toBeInstanceOf(
      FetchError,
    );
  });
});

describe('cognitoEndpointFromEnvironment', () => {
  it("prefers Cognito's own endpoint override, then the global one, as the AWS SDK does", () => {
    expect(
      cognitoEndpointFromEnvironment({
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      }),
    ).toBe('http://127.0.0.1:9229');
    expect(cognitoEndpointFromEnvironment({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe(
      'http://127.0.0.1:4566',
    );
  });

  it('answers undefined when Cognito is AWS itself', () => {
    expect(cognitoEndpointFromEnvironment({})).toBeUndefined();
    expect(
      cognitoEndpointFromEnvironment({ AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: '' }),
    ).toBeUndefined();
  });
});
