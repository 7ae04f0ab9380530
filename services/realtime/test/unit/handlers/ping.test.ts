import { pingHandler } from '../../../src/handlers/ping';
import { aCapturingLogger, aRecordingMessenger, aWebSocketEvent } from '../../support/builders';

describe('ping route', () => {
  it('sends {"type":"pong"} back to the calling connection', async () => {
    const messenger = aRecordingMessenger();
    const handler = pingHandler({ connections: () => messenger, logger: aCapturingLogger().logger });

    const result = await handler(
      aWebSocketEvent({ routeKey: 'ping', connectionId: 'conn-9', body: '{"action":"ping"}' }),
    );

    expect(result).toEqual({ statusCode: 200 });
    expect(messenger.sent).toEqual([{ connectionId: 'conn-9', frame: { type: 'pong' } }]);
  });

  it('succeeds and logs it when the connection is already gone', async () => {
    const { logger, lines } = aCapturingLogger();
    const handler = pingHandler({ connections: () => aRecordingMessenger('gone'), logger });

    const result = await handler(aWebSocketEvent({ routeKey: 'ping', body: '{"action":"ping"}' }));

    expect(result).toEqual({ statusCode: 200 });
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'connection gone before pong', connectionId: 'conn-1' }),
    );
  });
});
