import { request as httpRequest } from 'node:http';
import type { HttpApiEvent } from '../../../src/cloud/http-api/event';
import { type HttpRoute, type RunningHttpApi, startHttpApi } from '../../../src/cloud/http-api';

type Handler = (event: HttpApiEvent) => unknown;

/** An in-test `invoke`: records each call and runs the handler registered for the function. */
function recorder() {
  const calls: Array<{ functionName: string; event: HttpApiEvent }> = [];
  const handlers = new Map<string, Handler>();
  const invoke = async (functionName: string, event: unknown): Promise<unknown> => {
    calls.push({ functionName, event: event as HttpApiEvent });
    const handler = handlers.get(functionName);
    if (!handler) throw new Error(`no handler for ${functionName}`);
    return handler(event as HttpApiEvent);
  };
  const lastEvent = (functionName: string): HttpApiEvent => {
    const call = calls.filter((c) => c.functionName === functionName).at(-1);
    if (!call) throw new Error(`${functionName} was not invoked`);
    return call.event;
  };
  return { calls, handlers, invoke, lastEvent };
}

const ROUTES: HttpRoute[] = [
  { method: 'GET', path: '/rooms/{roomId}', functionName: 'rooms.getRoom' },
  { method: 'GET', path: '/rooms/mine', functionName: 'rooms.listMine' },
  { method: 'POST', path: '/upload', functionName: 'files.upload' },
  { method: 'GET', path: '/files/{proxy+}', functionName: 'files.get' },
  { method: 'GET', path: '/result', functionName: 'test.result' },
  { method: 'GET', path: '/boom', functionName: 'test.boom' },
  { method: 'GET', path: '/users/me', functionName: 'auth.me', authorizer: { type: 'jwt' } },
  {
    method: 'GET',
    path: '/admin',
    functionName: 'auth.admin',
    authorizer: { type: 'jwt', scopes: ['admin'] },
  },
];

const echo: Handler = () => ({ statusCode: 200, body: 'ok' });

/** GET with raw header lines, so a header can repeat (fetch would merge them). */
function getWithRawHeaders(url: string, rawHeaders: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET', headers: rawHeaders }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startHttpApi', () => {
  const rec = recorder();
  let api: RunningHttpApi;

  beforeAll(async () => {
    for (const route of ROUTES) rec.handlers.set(route.functionName, echo);
    api = await startHttpApi({
      port: 0,
      apiId: 'httpapi1',
      region: 'us-east-1',
      accountId: '000000000000',
      routes: ROUTES,
      invoke: rec.invoke,
      cors: {
        allowedOrigins: ['http://app.test'],
        allowedHeaders: ['Content-Type', 'Authorization'],
        allowedMethods: ['GET', 'POST'],
        exposedResponseHeaders: ['X-Correlation-Id'],
        maxAge: 600,
      },
      verifyJwt: async (token) => {
        if (token === 'good') return { sub: 'user-1', exp: 1700000000, 'cognito:groups': ['a', 'b'] };
        if (token === 'admin') return { sub: 'user-2', scope: 'admin' };
        throw new Error('invalid token');
      },
      localRoutes: [
        {
          method: 'GET',
          path: '/_local/sns/deliveries',
          handle: async ({ query }) => ({ statusCode: 200, body: { items: [], topic: query.get('topic') } }),
        },
      ],
    });
  });

  afterAll(async () => {
    await api.close();
  });

  it('binds to 127.0.0.1 on the port it reports', () => {
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
    expect(api.port).toBeGreaterThan(0);
  });

  it('invokes the route function with the payload 2.0 event of the request', async () => {
    const res = await fetch(`${api.url}/rooms/r%201?a=1&a=2&b=x%20y`, {
      headers: { 'User-Agent': 'jest-agent', 'X-Custom': 'v', Cookie: 'c1=1; c2=2' },
    });

    expect(res.status).toBe(200);
    const event = rec.lastEvent('rooms.getRoom');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /rooms/{roomId}',
      rawPath: '/rooms/r%201',
      rawQueryString: 'a=1&a=2&b=x%20y',
      cookies: ['c1=1', 'c2=2'],
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { roomId: 'r 1' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'httpapi1',
        domainName: `127.0.0.1:${api.port}`,
        http: {
          method: 'GET',
          path: '/rooms/r%201',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'jest-agent',
        },
        routeKey: 'GET /rooms/{roomId}',
        stage: '$default',
      },
    });
    expect(event.headers).toMatchObject({
      'x-custom': 'v',
      host: `127.0.0.1:${api.port}`,
      'user-agent': 'jest-agent',
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.requestId).toBe(res.headers.get('apigw-requestid'));
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(event.body).toBeUndefined();
  });

  it('joins repeated request headers with commas', async () => {
    const status = await getWithRawHeaders(`${api.url}/rooms/r2`, [
      'Host',
      `127.0.0.1:${api.port}`,
      'X-Repeat',
      'one',
      'X-Repeat',
      'two',
    ]);

    expect(status).toBe(200);
    expect(rec.lastEvent('rooms.getRoom').headers['x-repeat']).toBe('one,two');
  });

  it('routes a static segment before a path parameter and a greedy path to {proxy+}', async () => {
    await fetch(`${api.url}/rooms/mine`);
    await fetch(`${api.url}/files/a/b/c.txt`);

    expect(rec.lastEvent('rooms.listMine').routeKey).toBe('GET /rooms/mine');
    expect(rec.lastEvent('files.get').pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });

  it('passes a JSON body as text', async () => {
    await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'héllo' }),
    });

    const event = rec.lastEvent('files.upload');
    expect(event.isBase64Encoded).toBe(false);
    expect(JSON.parse(event.body ?? '')).toEqual({ text: 'héllo' });
  });

  it('base64-encodes a binary body', async () => {
    const bytes = Buffer.from([0, 159, 146, 150, 255]);

    await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });

    const event = rec.lastEvent('files.upload');
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('maps a structured result to status, headers, cookies and a base64-decoded body', async () => {
    rec.handlers.set('test.result', () => ({
      statusCode: 201,
      headers: { 'content-type': 'image/png', 'x-answer': 42 },
      cookies: ['a=1; Path=/', 'b=2'],
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    }));

    const res = await fetch(`${api.url}/result`);

    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-answer')).toBe('42');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
  });

  it('answers 200 application/json for a result without statusCode', async () => {
    rec.handlers.set('test.result', () => ({ items: [1, 2] }));

    const res = await fetch(`${api.url}/result`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ items: [1, 2] });
  });

  it('answers 404 Not Found like API Gateway for a request no route matches', async () => {
    const res = await fetch(`${api.url}/nowhere`, { method: 'DELETE' });

    expect(res.status).toBe(404);
    expect(res.headers.get('apigw-requestid')).toMatch(/=$/);
    expect(await res.text()).toBe('{"message":"Not Found"}');
  });

  it('answers 500 Internal Server Error when the handler throws', async () => {
    rec.handlers.set('test.boom', () => {
      throw new Error('kaboom');
    });

    const res = await fetch(`${api.url}/boom`);

    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"message":"Internal Server Error"}');
  });

  it('refuses a JWT route without a token or with a bad one, without invoking the function', async () => {
    const before = rec.calls.length;

    const missing = await fetch(`${api.url}/users/me`);
    const bad = await fetch(`${api.url}/users/me`, { headers: { authorization: 'Bearer nope' } });

    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe('{"message":"Unauthorized"}');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'Unauthorized' });
    expect(rec.calls.length).toBe(before);
  });

  it('passes the verified claims as strings to the function of a JWT route', async () => {
    const res = await fetch(`${api.url}/users/me`, { headers: { authorization: 'Bearer good' } });

    expect(res.status).toBe(200);
    expect(rec.lastEvent('auth.me').requestContext.authorizer).toEqual({
      jwt: { claims: { sub: 'user-1', exp: '1700000000', 'cognito:groups': '[a b]' }, scopes: null },
    });
  });

  it('answers 403 when the token lacks the scopes the route requires', async () => {
    const forbidden = await fetch(`${api.url}/admin`, { headers: { authorization: 'Bearer good' } });
    const allowed = await fetch(`${api.url}/admin`, { headers: { authorization: 'Bearer admin' } });

    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ message: 'Forbidden' });
    expect(allowed.status).toBe(200);
    expect(rec.lastEvent('auth.admin').requestContext.authorizer?.jwt.scopes).toEqual(['admin']);
  });

  it('answers 413 for a body over 10 MB', async () => {
    const res = await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });

    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('answers 414 for a URI over 8,192 characters, as API Gateway does, without invoking a function', async () => {
    const before = rec.calls.length;
    const res = await fetch(`${api.url}/rooms/${'x'.repeat(100 * 1024)}`);
    const atTheLimit = await fetch(`${api.url}/rooms/${'x'.repeat(8192 - '/rooms/'.length)}`);

    expect(res.status).toBe(414);
    expect(await res.json()).toEqual({ message: 'Request-URI Too Long' });
    expect(atTheLimit.status).not.toBe(414);
    expect(rec.calls.length).toBe(before + 1);
  });

  const preflight = (origin: string, method: string, headers?: string) =>
    fetch(`${api.url}/rooms/r1`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        ...(headers && { 'access-control-request-headers': headers }),
      },
    });

  it('answers a preflight from a configured origin with the configured methods, headers and max age', async () => {
    const answer = await preflight('http://app.test', 'POST', 'content-type,authorization');

    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(answer.headers.get('vary')).toBe('Origin');
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
    expect(answer.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives no CORS headers to a preflight from another origin, or asking for another method or header', async () => {
    const answers = await Promise.all([
      preflight('http://evil.test', 'GET'),
      preflight('http://app.test', 'DELETE'),
      preflight('http://app.test', 'GET', 'x-custom-header'),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-headers')).toBeNull();
    }
  });

  it('adds the allowed origin and exposed headers to answers for a configured origin only', async () => {
    const allowed = await fetch(`${api.url}/rooms/r1`, { headers: { origin: 'http://app.test' } });
    const other = await fetch(`${api.url}/rooms/r1`, { headers: { origin: 'http://evil.test' } });
    const sameOrigin = await fetch(`${api.url}/rooms/r1`);

    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-correlation-id');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves local routes with their query string', async () => {
    const res = await fetch(`${api.url}/_local/sns/deliveries?topic=t1`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [], topic: 't1' });
  });
});

describe('startHttpApi routes', () => {
  const rec = recorder();
  let api: RunningHttpApi;

  beforeAll(async () => {
    rec.handlers.set('a.catchAll', () => ({ statusCode: 200, body: 'catch-all' }));
    rec.handlers.set('a.local', () => ({ statusCode: 200, body: 'function' }));
    rec.handlers.set('a.rooms', () => ({ statusCode: 200, body: 'rooms' }));
    api = await startHttpApi({
      port: 0,
      stage: 'v1',
      apiId: 'httpapi2',
      region: 'us-east-1',
      accountId: '000000000000',
      routes: [{ method: 'ANY', path: '*', functionName: 'a.catchAll' }],
      invoke: rec.invoke,
      localRoutes: [
        { method: 'GET', path: '/_local/ping', handle: async () => ({ statusCode: 200, body: 'pong' }) },
      ],
    });
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves local routes before the function routes', async () => {
    const res = await fetch(`${api.url}/_local/ping`);

    expect(await res.json()).toBe('pong');
  });

  it('sends requests no other route matches to $default, under the stage prefix only', async () => {
    const staged = await fetch(`${api.url}/v1/anything/here`);
    const unstaged = await fetch(`${api.url}/anything/here`);

    expect(await staged.text()).toBe('catch-all');
    expect(rec.lastEvent('a.catchAll')).toMatchObject({
      routeKey: '$default',
      rawPath: '/v1/anything/here',
      requestContext: { stage: 'v1' },
    });
    expect(unstaged.status).toBe(404);
  });

  it('serves the routes given to setRoutes from then on', async () => {
    api.setRoutes([{ method: 'GET', path: '/rooms', functionName: 'a.rooms' }]);

    const rooms = await fetch(`${api.url}/v1/rooms`);
    const other = await fetch(`${api.url}/v1/anything`);

    expect(await rooms.text()).toBe('rooms');
    expect(other.status).toBe(404);
  });
});
