import { api, localStack } from '@chat/testing';

/** The local web app's origin: the stack allows it in CORS (its own port, `CHAT_WEB_PORT`, and nothing else). */
const webApp = () => new URL(localStack().web).origin;

/** A request straight to the local HTTP API, with the headers a browser would send. */
const request = (path: string, init: RequestInit) =>
  fetch(`${localStack().http}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });

describe('the HTTP API’s headers', () => {
  it('marks answers, errors included, as not to be sniffed nor cached', async () => {
    const answers = [
      await request('/health/auth', {}),
      await request('/users/me', {}),
      await request('/auth/login', { method: 'POST', body: '{' }),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 400]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers CORS for the web app’s origin as the deployed configuration says', async () => {
    const preflight = await request('/rooms', {
      method: 'OPTIONS',
      headers: {
        origin: webApp(),
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    const answer = await request('/health/auth', { headers: { origin: webApp() } });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(webApp());
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'content-type,authorization,x-correlation-id',
    );
    expect(answer.headers.get('access-control-allow-origin')).toBe(webApp());
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-correlation-id,retry-after');
  });

  it('gives no CORS headers to any other origin, nor to headers the configuration does not allow', async () => {
    const otherOrigin = await request('/rooms', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    const otherHeader = await request('/rooms', {
      method: 'OPTIONS',
      headers: {
        origin: webApp(),
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-forwarded-user',
      },
    });
    const answer = await api('GET', '/health/auth', { headers: { origin: 'https://evil.example' } });

    expect(otherOrigin.headers.get('access-control-allow-origin')).toBeNull();
    expect(otherHeader.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
