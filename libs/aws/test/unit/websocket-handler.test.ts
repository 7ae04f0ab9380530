import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createLogger } from '@chat/runtime';
import {
  frameRouteHandler,
  isOversized,
  MAX_CLIENT_FRAME_BYTES,
  type SendOutcome,
  webSocketHandler,
} from '../../src/index';

function aCapturingLogger() {
  const lines: Record<string, unknown>[] = [];
  return { logger: createLogger({}, (line) => lines.push(JSON.parse(line))), lines };
}

const aWebSocketEvent = (connectionId: string, body?: string) =>
  ({
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    requestContext: { routeKey: 'test', connectionId, requestId: 'request-1', eventType: 'MESSAGE' },
  }) as APIGatewayProxyWebsocketEventV2;

describe('webSocketHandler', () => {
  it('answers 200 when the route handler succeeds and gives it the connection id', async () => {
    const seen: string[] = [];
    const handler = webSocketHandler(
      'test',
      async ({ connectionId }) => {
        seen.push(connectionId);
      },
      aCapturingLogger().logger,
    );

    const result = await handler(aWebSocketEvent('conn-5'));

    expect(result).toEqual({ statusCode: 200 });
    expect(seen).toEqual(['conn-5']);
  });

  it('answers with the status and body the route returns', async () => {
    const handler = webSocketHandler(
      'test',
      async () => ({ statusCode: 401, body: '{"error":{}}' }),
      aCapturingLogger().logger,
    );

    expect(await handler(aWebSocketEvent('conn-1'))).toEqual({ statusCode: 401, body: '{"error":{}}' });
  });

  it('answers 500 and logs the failure with the connection id and its cause', async () => {
    const { logger, lines } = aCapturingLogger();
    const handler = webSocketHandler(
      'test',
      async () => {
        throw new Error('post failed', { cause: new Error('socket hang up') });
      },
      logger,
    );

    const result = await handler(aWebSocketEvent('conn-6'));

    expect(result).toEqual({ statusCode: 500 });
    expect(lines[0]).toMatchObject({
      level: 'error',
      connectionId: 'conn-6',
      correlationId: 'request-1',
      error: { message: 'post failed', cause: { message: 'socket hang up' } },
    });
  });
});

describe('frameRouteHandler', () => {
  function aFrameRoute() {
    const sent: { connectionId: string; frame: object }[] = [];
    const handled: (string | undefined)[] = [];
    const messenger = {
      async send(connectionId: string, frame: object): Promise<SendOutcome> {
        sent.push({ connectionId, frame });
        return 'sent';
      },
    };
    const handler = frameRouteHandler(
      'test',
      { messenger: () => messenger, logger: aCapturingLogger().logger },
      async ({ event }) => {
        handled.push(event.body);
      },
    );
    return { handler, sent, handled };
  }

  it('hands a frame of at most 32 KB to the route', async () => {
    const { handler, sent, handled } = aFrameRoute();

    const result = await handler(aWebSocketEvent('conn-1', '{"action":"ping"}'));

    expect(result).toEqual({ statusCode: 200 });
    expect(handled).toEqual(['{"action":"ping"}']);
    expect(sent).toEqual([]);
  });

  it('answers a frame over 32 KB with PAYLOAD_TOO_LARGE without handing it to the route', async () => {
    const { handler, sent, handled } = aFrameRoute();

    const result = await handler(aWebSocketEvent('conn-2', JSON.stringify({ pad: 'a'.repeat(33_000) })));

    expect(result).toEqual({ statusCode: 200 });
    expect(handled).toEqual([]);
    expect(sent).toEqual([
      {
        connectionId: 'conn-2',
        frame: {
          type: 'error',
          error: { code: 'PAYLOAD_TOO_LARGE', message: 'Frames may be at most 32768 bytes' },
        },
      },
    ]);
  });
});

describe('isOversized', () => {
  it('counts UTF-8 bytes, refusing more than 32 KB', () => {
    expect(isOversized('a'.repeat(MAX_CLIENT_FRAME_BYTES))).toBe(false);
    expect(isOversized('a'.repeat(MAX_CLIENT_FRAME_BYTES + 1))).toBe(true);
    expect(isOversized('é'.repeat(MAX_CLIENT_FRAME_BYTES / 2 + 1))).toBe(true);
    expect(isOversized(undefined)).toBe(false);
  });
});
