import { request } from 'node:http';
import { localStack } from '@chat/testing';

/** A raw request (fetch would normalise `..` away before sending it). */
function get(
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(localStack().web);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local stack’s web app server', () => {
  it('serves the page, the bundle and the stylesheet with their content types, nosniff and a CSP', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<div id="app">');
    const { http, webSocket, s3 } = localStack();
    for (const response of [page, await get('/app.js'), await get('/app.css')]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain(
        `connect-src 'self' ${http} ${webSocket} ${s3}`,
      );
    }
    expect((await get('/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('tells the page where the stack’s APIs are', async () => {
    const config = await get('/config.json');
    expect(config.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(config.body)).toEqual({ httpUrl: localStack().http, wsUrl: localStack().webSocket });
  });

  it('answers the app’s own routes with index.html, a missing file with 404', async () => {
    const route = await get('/r/some-room');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<div id="app">');
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('serves nothing from outside its folder', async () => {
    for (const attempt of [
      '/../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/index.html%00',
    ]) {
      const response = await get(attempt);
      expect(response.body).not.toContain('"workspaces"');
      expect([200, 400, 404]).toContain(response.status);
      if (response.status === 200) expect(response.body).toContain('<div id="app">');
    }
    expect((await get('/..%5c..%5cpackage.json')).status).toBe(400);
  });

  it('answers only GET and HEAD', async () => {
    const post = await get('/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await get('/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('is allowed by the HTTP API’s CORS, on its own port only', async () => {
    const { http, web } = localStack();
    const preflight = (origin: string) =>
      fetch(`${http}/rooms/mine`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
    expect((await preflight(web)).headers.get('access-control-allow-origin')).toBe(web);
    const otherPort = web.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`);
    expect((await preflight(otherPort)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
