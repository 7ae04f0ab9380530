import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger, type Logger } from '@chat/runtime';
import type { Message } from '@chat/events';

export function aWebSocketEvent(
  overrides: {
    routeKey?: string;
    connectionId?: string;
    body?: string;
    query?: Record<string, string>;
    connectedAt?: number;
  } = {},
): APIGatewayProxyWebsocketEventV2 {
  const routeKey = overrides.routeKey ?? '$default';
  return {
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
    ...(overrides.query === undefined ? {} : { queryStringParameters: overrides.query }),
    isBase64Encoded: false,
    requestContext: {
      routeKey,
      messageId: 'message-1',
      eventType: routeKey === '$connect' ? 'CONNECT' : 'MESSAGE',
      extendedRequestId: 'extended-1',
      requestTime: '01/Jan/2025:00:00:00 +0000',
      messageDirection: 'IN',
      stage: 'test',
      connectedAt: overrides.connectedAt ?? 1735689600000,
      requestTimeEpoch: 1735689600000,
      requestId: 'request-1',
      domainName: 'ws-id.execute-api.us-east-1.amazonaws.com',
      connectionId: overrides.connectionId ?? 'conn-1',
      apiId: 'ws-id',
    },
  } as APIGatewayProxyWebsocketEventV2;
}

/** A logger that keeps its lines (parsed) instead of writing them. */
export function aCapturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    logger: createLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    lines,
  };
}

/** A logger that writes nothing. */
export const aSilentLogger = (): Logger => createLogger({}, () => undefined);

export function aMessage(overrides: Partial<Message> = {}): Message {
  return {
    roomId: 'room-1',
    messageId: '01JH0000000000000000000001',
    senderId: 'alice',
    text: 'hello',
    mentions: [],
    attachments: [],
    createdAt: '2025-01-15T10:00:00.000Z',
    ...overrides,
  };
}

/** An EventBridge event as a Lambda target receives it, with the envelope libs/events builds. */
export function anEventBridgeEvent(
  source: string,
  detailType: string,
  data: unknown,
  metadata: { eventId?: string; correlationId?: string; version?: number } = {},
): {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: { metadata: Record<string, unknown>; data: unknown };
} {
  const eventId = metadata.eventId ?? 'event-1';
  return {
    version: '0',
    id: `eb-${eventId}`,
    'detail-type': detailType,
    source,
    account: '123456789012',
    time: '2025-01-15T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: {
        eventId,
        eventType: detailType,
        version: metadata.version ?? 1,
        occurredAt: '2025-01-15T10:00:00.000Z',
        correlationId: metadata.correlationId ?? 'correlation-1',
        producer: 'test',
      },
      data,
    },
  };
}
