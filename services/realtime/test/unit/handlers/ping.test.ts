import { RefreshLedger } from '../../../src/domain/connection';
import { pingHandler, type PingDependencies } from '../../../src/handlers/ping';
import { aCapturingLogger, aWebSocketEvent } from '../../support/builders';
import { aFixedClock, InMemoryConnections, RecordingMessenger } from '../../support/fakes';

function aPingHandler(overrides: Partial<PingDependencies> = {}) {
  const messenger = new RecordingMessenger();
  const connections = new InMemoryConnections().add('alice', 'conn-9');
  const clock = aFixedClock('2025-01-15T10:00:00.000Z');
  const ledger = new RefreshLedger(600_000);
  const { logger, lines } = aCapturingLogger();
  const handler = pingHandler({
    messenger: () => messenger,
    connections: () => connections,
    clock,
    ttlSeconds: () => 7200,
    ledger: () => ledger,
    logger,
    ...overrides,
  });
  return { handler, messenger, connections, clock, lines };
}

const ping = (connectionId = 'conn-9') =>
  aWebSocketEvent({ routeKey: 'ping', connectionId, body: '{"action":"ping"}' });

describe('ping route', () => {
  it('sends {"type":"pong"} back to the calling connection', async () => {
    const { handler, messenger } = aPingHandler();

    const result = await handler(ping());

    expect(result).toEqual({ statusCode: 200 });
    expect(messenger.sent).toEqual([{ connectionId: 'conn-9', frame: { type: 'pong' } }]);
  });

  it('pushes the connection record’s TTL back on the first ping, then at most once per interval', async () => {
    const { handler, connections, clock } = aPingHandler();

    await handler(ping());
    clock.set('2025-01-15T10:05:00.000Z');
    await handler(ping());
    clock.set('2025-01-15T10:10:01.000Z');
    await handler(ping());

    expect(connections.refreshes).toEqual([
      { connectionId: 'conn-9', expiresAt: Date.parse('2025-01-15T12:00:00.000Z') / 1000 },
      { connectionId: 'conn-9', expiresAt: Date.parse('2025-01-15T12:10:01.000Z') / 1000 },
    ]);
  });

  it('succeeds and logs it when the connection is already gone', async () => {
    const gone = new RecordingMessenger('gone');
    const { handler, lines, connections } = aPingHandler({ messenger: () => gone });

    const result = await handler(ping('conn-1'));

    expect(result).toEqual({ statusCode: 200 });
    expect(connections.refreshes).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'connection gone before pong', connectionId: 'conn-1' }),
    );
  });
});
