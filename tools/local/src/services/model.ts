/** What the local cloud needs to know of one service, read from its serverless.ts. */
export interface FunctionDefinition {
  /** `<service dir>.<function key>`, e.g. `realtime.ping`. */
  qualifiedName: string;
  service: string;
  key: string;
  /** The deployed name, e.g. `chat-realtime-local-ping`. */
  functionName: string;
  handlerFile: string;
  exportName: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
  /** `reservedConcurrency` of the function: at most this many invocations at once. */
  reservedConcurrency?: number;
}

export interface HttpRouteDefinition {
  method: string;
  path: string;
  functionName: string;
  authorizer?: { type: 'jwt'; scopes?: string[] };
}

export interface WebSocketRouteDefinition {
  routeKey: string;
  functionName: string;
  returnResponse?: boolean;
}

export interface EventRuleDefinition {
  name: string;
  eventBusName: string;
  pattern: Record<string, unknown>;
  targets: string[];
}

export interface StreamSubscription {
  functionName: string;
  tableLogicalId: string;
  tableName: string;
  batchSize: number;
  maximumBatchingWindowMs: number;
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** `filterPatterns` of the stream event (Lambda event filtering); empty: every record. */
  filterPatterns: Record<string, unknown>[];
}

export interface TableDefinition {
  logicalId: string;
  properties: Record<string, unknown>;
}

/** `provider.httpApi.cors` of serverless.ts: the HTTP API's CORS configuration. */
export interface CorsConfiguration {
  allowedOrigins: string[];
  allowedHeaders: string[];
  allowedMethods: string[];
  exposedResponseHeaders: string[];
  maxAge?: number;
  allowCredentials?: boolean;
}

export interface LoadedService {
  /** The folder name under services/, e.g. `auth`. */
  name: string;
  /** `service:` of serverless.ts, e.g. `chat-auth`. */
  serviceName: string;
  dir: string;
  functions: FunctionDefinition[];
  httpRoutes: HttpRouteDefinition[];
  webSocketRoutes: WebSocketRouteDefinition[];
  /** `provider.httpApi.cors`, when this service configures the HTTP API's CORS. */
  httpApiCors?: CorsConfiguration;
  /** `provider.websocketsApiRouteSelectionExpression`, when this service sets it. */
  webSocketRouteSelectionExpression?: string;
  rules: EventRuleDefinition[];
  streams: StreamSubscription[];
  tables: TableDefinition[];
  buckets: string[];
  outputs: Record<string, string>;
}
