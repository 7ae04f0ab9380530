import { formatRequestTime, type HeaderPair, traceId } from '../http-api/aws-format';

/** What is known about a connection from its handshake; the same for all its events. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent: string;
  /** The Host header, e.g. `127.0.0.1:3001`. */
  domainName: string;
  stage: string;
  apiId: string;
}

/** Ids and time of the one request (a handshake, a message or a disconnect) an event is for. */
export interface RequestIds {
  requestId: string;
  extendedRequestId: string;
  now: Date;
}

export interface WebSocketRequestContext {
  routeKey: string;
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  messageId?: string;
  extendedRequestId: string;
  requestTime: string;
  messageDirection: 'IN';
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: { sourceIp: string; userAgent?: string };
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  disconnectStatusCode?: number;
  disconnectReason?: string;
}

/** The event API Gateway WebSocket APIs send to a Lambda proxy integration. */
export interface WebSocketEvent {
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: WebSocketRequestContext;
  body?: string;
  isBase64Encoded: boolean;
}

function requestContext(
  connection: ConnectionInfo,
  ids: RequestIds,
  routeKey: string,
  eventType: WebSocketRequestContext['eventType'],
): WebSocketRequestContext {
  return {
    routeKey,
    eventType,
    extendedRequestId: ids.extendedRequestId,
    requestTime: formatRequestTime(ids.now),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: ids.now.getTime(),
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    requestId: ids.requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
  };
}

/** Header maps with the names as sent (API Gateway keeps their case): last value wins, and all values. */
function headerMaps(pairs: readonly HeaderPair[]): {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
} {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

/** The CONNECT event for `$connect`: handshake headers and query string, in single- and multi-value form. */
export function buildConnectEvent(
  connection: ConnectionInfo,
  ids: RequestIds,
  handshake: { headers: readonly HeaderPair[]; rawQueryString: string; localPort: number },
): WebSocketEvent {
  const lower = new Set(handshake.headers.map(([name]) => name.toLowerCase()));
  const pairs: HeaderPair[] = [...handshake.headers];
  if (!lower.has('x-amzn-trace-id')) pairs.push(['X-Amzn-Trace-Id', traceId(ids.now)]);
  if (!lower.has('x-forwarded-for')) pairs.push(['X-Forwarded-For', connection.sourceIp]);
  if (!lower.has('x-forwarded-port')) pairs.push(['X-Forwarded-Port', String(handshake.localPort)]);
  if (!lower.has('x-forwarded-proto')) pairs.push(['X-Forwarded-Proto', 'http']);
  const event: WebSocketEvent = {
    ...headerMaps(pairs),
    requestContext: requestContext(connection, ids, '$connect', 'CONNECT'),
    isBase64Encoded: false,
  };
  if (handshake.rawQueryString !== '') {
    const single: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    for (const [key, value] of new URLSearchParams(handshake.rawQueryString)) {
      single[key] = value;
      (multi[key] ??= []).push(value);
    }
    if (Object.keys(single).length > 0) {
      event.queryStringParameters = single;
      event.multiValueQueryStringParameters = multi;
    }
  }
  return event;
}

/** The MESSAGE event for a route selected from a client frame; `body` is the frame's text as sent. */
export function buildMessageEvent(
  connection: ConnectionInfo,
  ids: RequestIds & { messageId: string },
  routeKey: string,
  body: string,
): WebSocketEvent {
  const context = requestContext(connection, ids, routeKey, 'MESSAGE');
  return { requestContext: { ...context, messageId: ids.messageId }, body, isBase64Encoded: false };
}

/** The standard reason API Gateway reports for a close code when the closer gave none. */
export function disconnectReasonFor(code: number): string {
  switch (code) {
    case 1000:
      return 'Connection Closed Normally';
    case 1001:
      return 'Going away';
    case 1003:
      return 'Unsupported data';
    case 1005:
      return 'No status received';
    case 1006:
      return 'Connection closed abnormally';
    case 1009:
      return 'Message too big';
    default:
      return '';
  }
}

/** The DISCONNECT event for `$disconnect`. */
export function buildDisconnectEvent(
  connection: ConnectionInfo,
  ids: RequestIds,
  close: { code: number; reason: string },
): WebSocketEvent {
  const headers: Record<string, string> = {
    Host: connection.domainName,
    'x-api-key': '',
    'X-Forwarded-For': '',
    'x-restapi': '',
  };
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    headers,
    multiValueHeaders,
    requestContext: {
      ...requestContext(connection, ids, '$disconnect', 'DISCONNECT'),
      disconnectStatusCode: close.code,
      disconnectReason: close.reason === '' ? disconnectReasonFor(close.code) : close.reason,
    },
    isBase64Encoded: false,
  };
}
