import { defaultRouteHandler } from '../../../src/handlers/default-route';
import { aCapturingLogger, aRecordingMessenger, aWebSocketEvent } from '../../support/builders';

describe('$default route', () => {
  it('answers a malformed frame with a BAD_FRAME error frame on the same connection', async () => {
    const messenger = aRecordingMessenger();
    const handler = defaultRouteHandler({ connections: () => messenger, logger: aCapturingLogger().logger });

    const result = await handler(aWebSocketEvent({ connectionId: 'conn-3', body: 'not json' }));

    expect(result).toEqual({ statusCode: 200 });
    expect(messenger.sent).toEqual([
      {
        connectionId: 'conn-3',
        frame: { type: 'error', error: { code: 'BAD_FRAME', message: 'Frame is not valid JSON' } },
      },
    ]);
  });

  it('answers an unknown action with a BAD_FRAME error frame naming it', async () => {
    const messenger = aRecordingMessenger();
    const handler = defaultRouteHandler({ connections: () => messenger, logger: aCapturingLogger().logger });

    await handler(aWebSocketEvent({ body: '{"action":"fly"}' }));

    expect(messenger.sent[0]?.frame).toEqual({
      type: 'error',
      error: { code: 'BAD_FRAME', message: 'Unknown action "fly"' },
    });
  });
});
