import type { IncomingHttpHeaders } from 'node:http';
import type { CorsConfiguration } from '../../services/model';
import type { HttpResponseSpec } from './response';

type Header = [string, string];

const lower = (values: readonly string[]) => values.map((value) => value.toLowerCase());

/** The allowed origin a request's `Origin` matches (exactly, or `*`), if any. */
function allowedOrigin(cors: CorsConfiguration, origin: string | undefined): string | undefined {
  if (origin === undefined || origin === '') return undefined;
  if (lower(cors.allowedOrigins).includes(origin.toLowerCase())) return origin;
  return cors.allowedOrigins.includes('*') ? '*' : undefined;
}

/**
 * The CORS headers API Gateway adds to an answer: for a request whose `Origin` is allowed, that origin (with
 * `Vary: Origin`), the exposed headers and credentials as configured; nothing for any other request.
 */
export function corsHeaders(cors: CorsConfiguration, origin: string | undefined): Header[] {
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return [];
  const headers: Header[] = [['access-control-allow-origin', allowed]];
  if (allowed !== '*') headers.push(['vary', 'Origin']);
  if (cors.exposedResponseHeaders.length > 0) {
    headers.push(['access-control-expose-headers', lower(cors.exposedResponseHeaders).join(',')]);
  }
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  return headers;
}

/** Whether a request is a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(method: string, headers: IncomingHttpHeaders): boolean {
  return method.toUpperCase() === 'OPTIONS' && !!headers.origin && !!headers['access-control-request-method'];
}

/**
 * A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`), answered by the API as API Gateway
 * does: 204, and the CORS headers only when the origin, the method and every requested header are allowed (a
 * browser then sends the request; otherwise it does not).
 */
export function corsPreflight(cors: CorsConfiguration, request: IncomingHttpHeaders): HttpResponseSpec {
  const method = String(request['access-control-request-method'] ?? '').toUpperCase();
  const requested = String(request['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const methods = cors.allowedMethods.map((m) => m.toUpperCase());
  const headers = lower(cors.allowedHeaders);
  const allowed =
    allowedOrigin(cors, request.origin) !== undefined &&
    (methods.includes(method) || methods.includes('*')) &&
    requested.every((name) => headers.includes(name) || headers.includes('*'));
  return {
    statusCode: 204,
    headers: allowed
      ? [
          ...corsHeaders(cors, request.origin).filter(([name]) => name !== 'access-control-expose-headers'),
          ['access-control-allow-methods', methods.join(',')],
          ['access-control-allow-headers', headers.join(',')],
          ...(cors.maxAge === undefined
            ? []
            : ([['access-control-max-age', String(cors.maxAge)]] as Header[])),
        ]
      : [],
    body: Buffer.alloc(0),
  };
}
