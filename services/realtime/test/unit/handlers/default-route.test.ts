import { defaultRouteHandler } from '../../../src/handlers/default-route';
import { aCapturingLogger, aWebSocketEvent } from '../../support/builders';
import { RecordingMessenger } from '../../support/fakes';

describe('$default route', () => {
  it('answers a malformed frame with a BAD_FRAME error frame on the same connection', async () => {
    const messenger = new RecordingMessenger();
    const handler = defaultRouteHandler({ messenger: () => messenger, logger: aCapturingLogger().logger });

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
    const messenger = new RecordingMessenger();
    const handler = defaultRouteHandler({ messenger: () => messenger, logger: aCapturingLogger().logger });

    await handler(aWebSocketEvent({ body: '{"action":"fly"}' }));

    expect(messenger.sent[0]?.frame).toEqual({
      type: 'error',
      error: { code: 'BAD_FRAME', message: 'Unknown action "fly"' },
    });
  });

  it('answers a frame over 32 KB with PAYLOAD_TOO_LARGE instead of BAD_FRAME', async () => {
    const messenger = new RecordingMessenger();
    const handler = defaultRouteHandler({ messenger: () => messenger, logger: aCapturingLogger().logger });

    const result = await handler(
      aWebSocketEvent({ body: JSON.stringify({ action: 'x', pad: 'a'.repeat(33_000) }) }),
    );

    expect(result).toEqual({ statusCode: 200 });
    expect(messenger.sent.map((s) => s.frame)).toEqual([
      { type: 'error', error: { code: 'PAYLOAD_TOO_LARGE', message: 'Frames may be at most 32768 bytes' } },
    ]);
  });
});
