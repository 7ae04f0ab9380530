import type { HeaderPair } from '../../../src/cloud/http-api/aws-format';
import {
  buildHttpEvent,
  type HttpRequestInfo,
  isTextContentType,
  queryParametersOf,
} from '../../../src/cloud/http-api/event';

const NOW = new Date('2024-03-05T07:08:09.123Z');
const API = { apiId: 'api123', accountId: '000000000000', stage: '$default' };
const SELECTION = { routeKey: 'GET /rooms/{roomId}', pathParameters: { roomId: 'r 1' } };

function aRequest(overrides: Partial<HttpRequestInfo> = {}): HttpRequestInfo {
  const headers: HeaderPair[] = [
    ['Host', '127.0.0.1:3000'],
    ['User-Agent', 'test-agent'],
  ];
  return {
    method: 'GET',
    rawPath: '/rooms/r%201',
    rawQueryString: '',
    headers,
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    localPort: 3000,
    protocol: 'HTTP/1.1',
    requestId: 'AbCdEfGhIjKlMnO=',
    now: NOW,
    ...overrides,
  };
}

describe('buildHttpEvent', () => {
  it('builds the payload 2.0 envelope and request context', () => {
    const event = buildHttpEvent(aRequest(), API, SELECTION);

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /rooms/{roomId}',
      rawPath: '/rooms/r%201',
      rawQueryString: '',
      pathParameters: { roomId: 'r 1' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'api123',
        domainName: '127.0.0.1:3000',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/rooms/r%201',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'test-agent',
        },
        requestId: 'AbCdEfGhIjKlMnO=',
        routeKey: 'GET /rooms/{roomId}',
        stage: '$default',
        time: '05/Mar/2024:07:08:09 +0000',
        timeEpoch: NOW.getTime(),
      },
    });
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('lower-cases header names, joins repeated headers with commas and adds the forwarding headers', () => {
    const headers: HeaderPair[] = [
      ['Host', 'h'],
      ['X-Custom', 'a'],
      ['x-custom', 'b'],
    ];

    const event = buildHttpEvent(aRequest({ headers }), API, SELECTION);

    expect(event.headers).toMatchObject({
      host: 'h',
      'x-custom': 'a,b',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': '3000',
      'x-forwarded-proto': 'http',
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('moves cookies out of the headers into the cookies list', () => {
    const headers: HeaderPair[] = [
      ['Cookie', 'a=1; b=2'],
      ['Cookie', 'c=3'],
    ];

    const event = buildHttpEvent(aRequest({ headers }), API, SELECTION);

    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('decodes the query string and joins a repeated key with commas', () => {
    const event = buildHttpEvent(aRequest({ rawQueryString: 'a=1&a=2&b=x%20y&c=' }), API, SELECTION);

    expect(event.rawQueryString).toBe('a=1&a=2&b=x%20y&c=');
    expect(event.queryStringParameters).toEqual({ a: '1,2', b: 'x y', c: '' });
  });

  it('passes a JSON body as text', () => {
    const headers: HeaderPair[] = [['Content-Type', 'application/json; charset=utf-8']];

    const event = buildHttpEvent(aRequest({ headers, body: Buffer.from('{"a":"é"}') }), API, SELECTION);

    expect(event.body).toBe('{"a":"é"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a binary body', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const headers: HeaderPair[] = [['Content-Type', 'application/octet-stream']];

    const event = buildHttpEvent(aRequest({ headers, body: bytes }), API, SELECTION);

    expect(event.body).toBe(bytes.toString('base64'));
    expect(event.isBase64Encoded).toBe(true);
  });

  it('omits path parameters for a route without any and sets the authorizer when given', () => {
    const authorizer = { jwt: { claims: { sub: 'u1' }, scopes: null } };

    const event = buildHttpEvent(aRequest(), API, { routeKey: '$default', pathParameters: {} }, authorizer);

    expect(event).not.toHaveProperty('pathParameters');
    expect(event.requestContext.authorizer).toEqual(authorizer);
  });
});

describe('isTextContentType', () => {
  it.each(['text/plain', 'application/json', 'application/problem+json', 'application/xml', 'image/svg+xml'])(
    'treats %s as text',
    (type) => expect(isTextContentType(type)).toBe(true),
  );

  it.each([undefined, 'application/octet-stream', 'image/png', 'application/x-www-form-urlencoded'])(
    'treats %s as binary',
    (type) => expect(isTextContentType(type)).toBe(false),
  );
});

describe('queryParametersOf', () => {
  it('returns undefined for an empty query string', () => {
    expect(queryParametersOf('')).toBeUndefined();
  });
});
