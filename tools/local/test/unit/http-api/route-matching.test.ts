import { compileRoutes, matchRoute } from '../../../src/cloud/http-api/route-matching';

interface TestRoute {
  method: string;
  path: string;
  name: string;
}

const route = (method: string, path: string, name = `${method} ${path}`): TestRoute => ({
  method,
  path,
  name,
});

function matchedName(routes: TestRoute[], method: string, path: string): string | undefined {
  return matchRoute(compileRoutes(routes), method, path)?.route.name;
}

describe('compileRoutes', () => {
  it('builds API Gateway route keys, reading * as ANY and a * path as $default', () => {
    const compiled = compileRoutes([
      route('get', '/rooms/{roomId}'),
      route('*', '/{proxy+}'),
      route('*', '*'),
    ]);

    expect(compiled.map((c) => c.routeKey)).toEqual(['GET /rooms/{roomId}', 'ANY /{proxy+}', '$default']);
  });

  it('refuses a greedy variable that is not the last segment', () => {
    expect(() => compileRoutes([route('GET', '/{proxy+}/x')])).toThrow(/Greedy/);
  });
});

describe('matchRoute', () => {
  const routes = [
    route('GET', '/pets/dog/1'),
    route('GET', '/pets/dog/{id}'),
    route('GET', '/pets/{proxy+}'),
    route('ANY', '/{proxy+}'),
    route('ANY', '*'),
  ];

  it('prefers a full static match over a path variable', () => {
    expect(matchedName(routes, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
  });

  it('prefers a path variable over a greedy variable', () => {
    expect(matchedName(routes, 'GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
  });

  it('uses the greedy route of the method when no more specific route matches', () => {
    expect(matchedName(routes, 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
  });

  it('falls back to an ANY route for another method', () => {
    expect(matchedName(routes, 'POST', '/pets/cat')).toBe('ANY /{proxy+}');
  });

  it('uses $default only when nothing else matches', () => {
    expect(matchedName(routes, 'GET', '/')).toBe('ANY *');
  });

  it('prefers the exact method over ANY for the same path', () => {
    const sameShape = [route('ANY', '/rooms/{roomId}'), route('GET', '/rooms/{roomId}')];

    expect(matchedName(sameShape, 'GET', '/rooms/r1')).toBe('GET /rooms/{roomId}');
    expect(matchedName(sameShape, 'DELETE', '/rooms/r1')).toBe('ANY /rooms/{roomId}');
  });

  it('prefers a static segment over a variable even when the method is ANY', () => {
    const mixed = [route('GET', '/rooms/{roomId}'), route('ANY', '/rooms/mine')];

    expect(matchedName(mixed, 'GET', '/rooms/mine')).toBe('ANY /rooms/mine');
  });

  it('returns URL-decoded path parameters', () => {
    const match = matchRoute(
      compileRoutes([route('GET', '/rooms/{roomId}/members/{userId}')]),
      'GET',
      '/rooms/a%20b/members/%C3%A9',
    );

    expect(match?.pathParameters).toEqual({ roomId: 'a b', userId: 'é' });
    expect(match?.routeKey).toBe('GET /rooms/{roomId}/members/{userId}');
  });

  it('gives a greedy variable the rest of the path', () => {
    const match = matchRoute(compileRoutes([route('GET', '/files/{proxy+}')]), 'GET', '/files/a/b%2Fc/d.txt');

    expect(match?.pathParameters).toEqual({ proxy: 'a/b/c/d.txt' });
  });

  it('does not match a greedy variable against an empty rest', () => {
    expect(matchedName([route('GET', '/files/{proxy+}')], 'GET', '/files')).toBeUndefined();
    expect(matchedName([route('GET', '/files/{proxy+}')], 'GET', '/files/')).toBeUndefined();
  });

  it('matches no route for another method, a longer path or an empty variable', () => {
    const only = [route('GET', '/rooms/{roomId}')];

    expect(matchedName(only, 'POST', '/rooms/r1')).toBeUndefined();
    expect(matchedName(only, 'GET', '/rooms/r1/messages')).toBeUndefined();
    expect(matchedName(only, 'GET', '/rooms/')).toBeUndefined();
  });

  it('matches the root path route', () => {
    expect(matchedName([route('GET', '/')], 'GET', '/')).toBe('GET /');
  });
});
