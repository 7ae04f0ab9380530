import type { LogLine } from '../http-api/aws-format';
import type { Invoke, RunningServer } from '../types';

/** One WebSocket API route integrated with a function. */
export interface WebSocketRoute {
  /** `$connect`, `$disconnect`, `$default` or an action value such as `sendMessage`. */
  routeKey: string;
  /** Qualified function name `<service>.<functionKey>`, passed to `invoke`. */
  functionName: string;
  /** The route has a route response (routeResponseSelectionExpression): the handler's body is sent back. */
  returnResponse?: boolean;
}

export interface WebSocketApiOptions {
  /** 0 picks a free port. */
  port: number;
  /** e.g. `local`; clients connect to `/` or `/<stage>`, the management endpoint is `/<stage>/@connections`. */
  stage: string;
  apiId: string;
  region: string;
  accountId: string;
  routes: WebSocketRoute[];
  invoke: Invoke;
  /** e.g. `$request.body.action` (the default), from the serverless.ts of the service that creates the API. */
  routeSelectionExpression?: string;
  /**
   * Where the open connections are kept (see `connectionJournal`): at start, `$disconnect` runs for each one a
   * previous run left open. None: not kept.
   */
  journalFile?: string;
  /** Closes a connection that received nothing for this long (code 1001). Default 10 minutes, as AWS. */
  idleTimeoutMs?: number;
  log?: LogLine;
  /**
   * Told of what API Gateway bills: each handshake (`connect`), each frame a client sends (`client-message`),
   * each POST to `@connections` (`post`).
   */
  onTraffic?: (kind: 'connect' | 'client-message' | 'post') => void;
}

export interface RunningWebSocketApi extends RunningServer {
  /** `http://127.0.0.1:<port>/<stage>`: the `endpoint` for `ApiGatewayManagementApiClient`. */
  managementEndpoint: string;
  /** Ids of the connections that are open now. */
  connectionIds(): string[];
  setRoutes(routes: WebSocketRoute[]): void;
}
