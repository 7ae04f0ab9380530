import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Test data builder for HTTP API (payload 2.0) events; for tests only. */
export interface HttpEventOverrides {
  method?: string;
  path?: string;
  /** Defaults to `<METHOD> <path>`. */
  routeKey?: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  isBase64Encoded?: boolean;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  requestId?: string;
}

export function anHttpEvent(overrides: HttpEventOverrides = {}): APIGatewayProxyEventV2 {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/';
  const body =
    overrides.body === undefined || typeof overrides.body === 'string'
      ? overrides.body
      : JSON.stringify(overrides.body);
  const query = overrides.query;
  return {
    version: '2.0',
    routeKey: overrides.routeKey ?? `${method} ${path}`,
    rawPath: path,
    rawQueryString: query === undefined ? '' : new URLSearchParams(query).toString(),
    headers: { 'content-type': 'application/json', ...overrides.headers },
    ...(query === undefined ? {} : { queryStringParameters: query }),
    ...(overrides.pathParameters === undefined ? {} : { pathParameters: overrides.pathParameters }),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: overrides.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'api-id.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'api-id',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: overrides.requestId ?? 'request-1',
      routeKey: overrides.routeKey ?? `${method} ${path}`,
      stage: '$default',
      time: '01/Jan/2025:00:00:00 +0000',
      timeEpoch: 1735689600000,
    },
  };
}
