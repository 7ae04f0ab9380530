import { mapHandlerResult } from '../../../src/cloud/http-api/response';

describe('mapHandlerResult', () => {
  it('maps a structured result: status, headers, multi-value headers, cookies and body', () => {
    const spec = mapHandlerResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
      multiValueHeaders: { 'X-Multi': ['a', 'b'] },
      cookies: ['a=1; Path=/', 'b=2'],
      body: '{"ok":true}',
    });

    expect(spec.statusCode).toBe(201);
    expect(spec.headers).toEqual([
      ['content-type', 'application/json'],
      ['x-count', '3'],
      ['x-multi', 'a'],
      ['x-multi', 'b'],
      ['set-cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2'],
    ]);
    expect(spec.body.toString()).toBe('{"ok":true}');
  });

  it('decodes a base64 body', () => {
    const spec = mapHandlerResult({
      statusCode: 200,
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });

    expect([...spec.body]).toEqual([1, 2, 3]);
  });

  it('sends an empty body when the structured result has none', () => {
    const spec = mapHandlerResult({ statusCode: 204 });

    expect(spec.statusCode).toBe(204);
    expect(spec.body.length).toBe(0);
  });

  it('turns an object without statusCode into a 200 JSON response', () => {
    const spec = mapHandlerResult({ message: 'hi' });

    expect(spec.statusCode).toBe(200);
    expect(spec.headers).toEqual([['content-type', 'application/json']]);
    expect(JSON.parse(spec.body.toString())).toEqual({ message: 'hi' });
  });

  it('sends a string result as the body, as API Gateway does', () => {
    expect(mapHandlerResult('Hello from Lambda!').body.toString()).toBe('Hello from Lambda!');
  });

  it('sends a number or an empty result as JSON', () => {
    expect(mapHandlerResult(42).body.toString()).toBe('42');
    expect(mapHandlerResult(undefined).body.toString()).toBe('null');
  });

  it.each([
    ['a non-numeric status', { statusCode: '200' }],
    ['an out-of-range status', { statusCode: 99 }],
    ['a non-string body', { statusCode: 200, body: { a: 1 } }],
    ['an object header value', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['non-string cookies', { statusCode: 200, cookies: [1] }],
  ])('answers 500 for a malformed result with %s', (_what, result) => {
    const spec = mapHandlerResult(result);

    expect(spec.statusCode).toBe(500);
    expect(JSON.parse(spec.body.toString())).toEqual({ message: 'Internal Server Error' });
  });
});
