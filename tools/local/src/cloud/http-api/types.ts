import type { CorsConfiguration } from '../../services/model';
import type { Invoke, RunningServer } from '../types';
import type { LogLine } from './aws-format';

/** One HTTP API route: `METHOD /path` (or `*` for `$default`) integrated with a function. */
export interface HttpRoute {
  /** GET, POST, … or ANY (`*` is read as ANY). */
  method: string;
  /** `/rooms/{roomId}`, `/files/{proxy+}`, or `*` for the `$default` route. */
  path: string;
  /** Qualified function name `<service>.<functionKey>`, passed to `invoke`. */
  functionName: string;
  authorizer?: { type: 'jwt'; scopes?: string[] };
}

/** A route the local stack serves itself (not a function), e.g. `GET /_local/sns/deliveries`. */
export interface LocalRoute {
  /** GET, POST, … or ANY. */
  method: string;
  /** Exact path, no parameters. */
  path: string;
  handle(req: {
    query: URLSearchParams;
    body: string;
    headers: Record<string, string>;
  }): Promise<{ statusCode: number; body: unknown }>;
}

export interface HttpApiOptions {
  /** 0 picks a free port. */
  port: number;
  /** `$default` (no path prefix) unless given; any other stage prefixes every path with `/<stage>`. */
  stage?: string;
  apiId: string;
  region: string;
  accountId: string;
  routes: HttpRoute[];
  invoke: Invoke;
  /** Verifies a bearer token and resolves with its claims; rejects when the token is not valid. */
  verifyJwt?: (token: string) => Promise<Record<string, unknown>>;
  /** Served before the function routes. */
  localRoutes?: LocalRoute[];
  /**
   * The API's CORS configuration (`provider.httpApi.cors`), applied as API Gateway does: preflights answered by
   * the API, and the CORS headers added to the answers of requests from an allowed origin. None: no CORS.
   */
  cors?: CorsConfiguration;
  log?: LogLine;
}

export interface RunningHttpApi extends RunningServer {
  /** Replaces the function routes (local routes stay). */
  setRoutes(routes: HttpRoute[]): void;
}
