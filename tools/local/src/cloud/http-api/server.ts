import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { awsId, headerPairsOf, headerValue, sourceIpOf, splitTarget } from './aws-format';
import { buildHttpEvent, type HttpApiIdentity } from './event';
import { listenOnLoopback, readBody } from '../../http-server';
import { writeResponse } from './http-io';
import { authorizeJwt } from './jwt-authorizer';
import { compileRoutes, type CompiledRoute, matchRoute } from './route-matching';
import { gatewayError, type HttpResponseSpec, INTERNAL_SERVER_ERROR, mapHandlerResult } from './response';
import type { HttpApiOptions, HttpRoute, LocalRoute, RunningHttpApi } from './types';
import { corsHeaders, corsPreflight, isPreflight } from './cors';

/** API Gateway's payload limit for HTTP APIs. */
export const HTTP_API_BODY_LIMIT = 10 * 1024 * 1024;
/**
 * Longest request URI (path and query) answered normally: API Gateway refuses longer ones itself with 414 (its
 * documented URL limit is 8,192 characters), before any route or function sees them.
 */
export const HTTP_API_URI_LIMIT = 8192;
/**
 * Node's HTTP parser refuses a request line and headers over 16 KiB with a bare 431; the server reads up to this
 * much so that a long URI gets API Gateway's 414 instead.
 */
const MAX_REQUEST_HEAD_BYTES = 1024 * 1024;

function findLocalRoute(routes: readonly LocalRoute[], method: string, path: string): LocalRoute | undefined {
  return routes.find((r) => {
    const routeMethod = r.method.toUpperCase();
    return r.path === path && (routeMethod === 'ANY' || routeMethod === '*' || routeMethod === method);
  });
}

async function serveLocalRoute(
  route: LocalRoute,
  req: IncomingMessage,
  body: Buffer,
  rawQuery: string,
): Promise<HttpResponseSpec> {
  const headers: Record<string, string> = {};
  for (const [name, value] of headerPairsOf(req.rawHeaders)) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]},${value}`;
  }
  const result = await route.handle({
    query: new URLSearchParams(rawQuery),
    body: body.toString('utf8'),
    headers,
  });
  return {
    statusCode: result.statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify(result.body ?? null)),
  };
}

/** The path the routes see: without the `/<stage>` prefix, or undefined when a staged path lacks it. */
function pathWithinStage(rawPath: string, stage: string): string | undefined {
  if (stage === '$default') return rawPath;
  const prefix = `/${stage}`;
  if (rawPath === prefix) return '/';
  return rawPath.startsWith(`${prefix}/`) ? rawPath.slice(prefix.length) : undefined;
}

/**
 * Starts a local API Gateway HTTP API (payload format 2.0) on 127.0.0.1: matches routes as API
 * Gateway does, runs JWT authorizers through `verifyJwt`, invokes the route's function with the v2
 * event and maps its result to the HTTP response.
 */
export async function startHttpApi(options: HttpApiOptions): Promise<RunningHttpApi> {
  const stage = options.stage ?? '$default';
  const api: HttpApiIdentity = { apiId: options.apiId, accountId: options.accountId, stage };
  const localRoutes = options.localRoutes ?? [];
  const log = options.log ?? (() => undefined);
  const warnUnverified = (list: readonly HttpRoute[]): void => {
    const jwtRoutes = list.filter((r) => r.authorizer?.type === 'jwt');
    if (jwtRoutes.length > 0 && !options.verifyJwt) {
      log(`http-api: no verifyJwt given: ${jwtRoutes.length} JWT-authorized routes run without authorizer`);
    }
  };
  let routes: CompiledRoute<HttpRoute>[] = compileRoutes(options.routes);
  warnUnverified(options.routes);
  let port = 0;

  async function handle(req: IncomingMessage, requestId: string): Promise<HttpResponseSpec | undefined> {
    const method = (req.method ?? 'GET').toUpperCase();
    if ((req.url ?? '').length > HTTP_API_URI_LIMIT) return gatewayError(414, 'Request-URI Too Long');
    const { rawPath, rawQueryString } = splitTarget(req.url ?? '/');
    if (options.cors && isPreflight(method, req.headers)) return corsPreflight(options.cors, req.headers);
    const read = await readBody(req, HTTP_API_BODY_LIMIT);
    if (read.kind === 'aborted') return undefined;
    if (read.kind === 'too-large') return gatewayError(413, 'Request Entity Too Large');

    const local = findLocalRoute(localRoutes, method, rawPath);
    if (local) return serveLocalRoute(local, req, read.body, rawQueryString);

    const routePath = pathWithinStage(rawPath, stage);
    const match = routePath === undefined ? undefined : matchRoute(routes, method, routePath);
    if (!match) return gatewayError(404, 'Not Found');

    const headers = headerPairsOf(req.rawHeaders);
    let authorizer;
    if (match.route.authorizer?.type === 'jwt' && options.verifyJwt) {
      const decision = await authorizeJwt(
        headerValue(headers, 'authorization'),
        match.route.authorizer.scopes,
        options.verifyJwt,
      );
      if (decision.outcome === 'unauthorized') {
        return gatewayError(401, 'Unauthorized', [['www-authenticate', decision.wwwAuthenticate]]);
      }
      if (decision.outcome === 'forbidden') return gatewayError(403, 'Forbidden');
      authorizer = decision.authorizer;
    }

    const event = buildHttpEvent(
      {
        method,
        rawPath,
        rawQueryString,
        headers,
        body: read.body,
        sourceIp: sourceIpOf(req.socket.remoteAddress),
        localPort: port,
        protocol: `HTTP/${req.httpVersion}`,
        requestId,
        now: new Date(),
      },
      api,
      match,
      authorizer,
    );
    try {
      return mapHandlerResult(await options.invoke(match.route.functionName, event));
    } catch (error) {
      log(`http-api: ${match.routeKey} -> ${match.route.functionName} failed: ${String(error)}`);
      return INTERNAL_SERVER_ERROR();
    }
  }

  const server = createServer(
    { maxHeaderSize: MAX_REQUEST_HEAD_BYTES },
    (req: IncomingMessage, res: ServerResponse) => {
      const requestId = awsId();
      const extraHeaders: Array<[string, string]> = [['apigw-requestid', requestId]];
      if (options.cors && !isPreflight(req.method ?? 'GET', req.headers)) {
        extraHeaders.push(...corsHeaders(options.cors, req.headers.origin));
      }
      handle(req, requestId).then(
        (spec) => {
          if (spec) writeResponse(res, spec, extraHeaders);
          else res.destroy();
        },
        (error: unknown) => {
          log(`http-api: ${req.method} ${req.url} failed: ${String(error)}`);
          writeResponse(res, INTERNAL_SERVER_ERROR(), extraHeaders);
        },
      );
    },
  );

  const listening = await listenOnLoopback(server, { name: 'the local HTTP API', port: options.port });
  port = listening.port;
  return {
    url: listening.url,
    port,
    setRoutes(next: HttpRoute[]) {
      routes = compileRoutes(next);
      warnUnverified(next);
    },
    close: listening.close,
  };
}
