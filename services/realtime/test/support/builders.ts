import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger, type Logger } from '@chat/runtime';
import type { ConnectionMessenger, SendOutcome, ServerFrame } from '../../src/use-cases/ports';

export function aWebSocketEvent(
  overrides: { routeKey?: string; connectionId?: string; body?: string } = {},
): APIGatewayProxyWebsocketEventV2 {
  const routeKey = overrides.routeKey ?? '$default';
  return {
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
    isBase64Encoded: false,
    requestContext: {
      routeKey,
      messageId: 'message-1',
      eventType: 'MESSAGE',
      extendedRequestId: 'extended-1',
      requestTime: '01/Jan/2025:00:00:00 +0000',
      messageDirection: 'IN',
      stage: 'test',
      connectedAt: 1735689600000,
      requestTimeEpoch: 1735689600000,
      requestId: 'request-1',
      domainName: 'ws-id.execute-api.us-east-1.amazonaws.com',
      connectionId: overrides.connectionId ?? 'conn-1',
      apiId: 'ws-id',
    },
  };
}

/** A ConnectionMessenger that records what it is asked to send. */
export function aRecordingMessenger(outcome: SendOutcome = 'sent'): ConnectionMessenger & {
  sent: { connectionId: string; frame: ServerFrame }[];
} {
  const sent: { connectionId: string; frame: ServerFrame }[] = [];
  return {
    sent,
    async send(connectionId, frame) {
      sent.push({ connectionId, frame });
      return outcome;
    },
  };
}

/** A logger that keeps its lines (parsed) instead of writing them. */
export function aCapturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    logger: createLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    lines,
  };
}
