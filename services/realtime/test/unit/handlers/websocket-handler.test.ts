import { webSocketHandler } from '../../../src/handlers/websocket-handler';
import { aCapturingLogger, aWebSocketEvent } from '../../support/builders';

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

    const result = await handler(aWebSocketEvent({ connectionId: 'conn-5' }));

    expect(result).toEqual({ statusCode: 200 });
    expect(seen).toEqual(['conn-5']);
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

    const result = await handler(aWebSocketEvent({ connectionId: 'conn-6' }));

    expect(result).toEqual({ statusCode: 500 });
    expect(lines[0]).toMatchObject({
      level: 'error',
      connectionId: 'conn-6',
      correlationId: 'request-1',
      error: { message: 'post failed', cause: { message: 'socket hang up' } },
    });
  });
});
