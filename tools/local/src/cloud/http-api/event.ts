import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
} from 'aws-lambda';
import { formatRequestTime, type HeaderPair, traceId } from './aws-format';

/** The payload format 2.0 event; `requestContext.authorizer` is set on routes with a JWT authorizer. */
export type HttpApiEvent = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { authorizer?: APIGatewayEventRequestContextJWTAuthorizer }
>;

/** What the server knows about one request, in a form the pure event builder can take. */
export interface HttpRequestInfo {
  method: string;
  /** As received, still percent-encoded, including the stage prefix when the stage is not `$default`. */
  rawPath: string;
  /** Without the leading `?`. */
  rawQueryString: string;
  headers: readonly HeaderPair[];
  body: Buffer;
  sourceIp: string;
  /** The port the client connected to, for `x-forwarded-port`. */
  localPort: number;
  /** e.g. `HTTP/1.1` */
  protocol: string;
  requestId: string;
  now: Date;
}

export interface HttpApiIdentity {
  apiId: string;
  accountId: string;
  stage: string;
}

export interface RouteSelection {
  routeKey: string;
  pathParameters: Record<string, string>;
}

const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

/** Whether API Gateway passes a body of this content type as text (else it is base64-encoded). */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml');
}

/** Lower-cased names, repeated headers joined with commas; `cookie` goes to `cookies` instead. */
function headersOf(pairs: readonly HeaderPair[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    if (key === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[key] = headers[key] === undefined ? value : `${headers[key]},${value}`;
  }
  return { headers, cookies };
}

/** Decoded query parameters; a repeated key's values are joined with commas. */
export function queryParametersOf(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = result[key] === undefined ? value : `${result[key]},${value}`;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** Builds the event API Gateway HTTP APIs send to a Lambda integration with payload format 2.0. */
export function buildHttpEvent(
  request: HttpRequestInfo,
  api: HttpApiIdentity,
  selection: RouteSelection,
  authorizer?: APIGatewayEventRequestContextJWTAuthorizer,
): HttpApiEvent {
  const { headers, cookies } = headersOf(request.headers);
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(request.now);

  const domainName = headers.host ?? `${api.apiId}.execute-api.localhost`;
  const requestContext: HttpApiEvent['requestContext'] = {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    http: {
      method: request.method.toUpperCase(),
      path: request.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: selection.routeKey,
    stage: api.stage,
    time: formatRequestTime(request.now),
    timeEpoch: request.now.getTime(),
  };
  if (authorizer) requestContext.authorizer = authorizer;

  const event: HttpApiEvent = {
    version: '2.0',
    routeKey: selection.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers,
    requestContext,
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  const query = queryParametersOf(request.rawQueryString);
  if (query) event.queryStringParameters = query;
  if (Object.keys(selection.pathParameters).length > 0) event.pathParameters = selection.pathParameters;
  if (request.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? request.body.toString('utf8') : request.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}
