import { recordingMetrics } from '@chat/runtime';
import { deliverToUsers } from '../../../src/use-cases/deliver';
import { aSilentLogger } from '../../support/builders';
import { aFixedClock, InMemoryConnections, noWaitRetry, RecordingMessenger } from '../../support/fakes';

function aDelivery() {
  const connections = new InMemoryConnections()
    .add('alice', 'a-phone')
    .add('alice', 'a-laptop')
    .add('bob', 'b-phone')
    .add('carol', 'c-phone');
  const messenger = new RecordingMessenger();
  const retry = noWaitRetry(3);
  return {
    connections,
    messenger,
    retry,
    deps: {
      connections,
      directory: connections.directory,
      clock: aFixedClock(),
      messenger,
      retry,
      concurrency: 25,
      logger: aSilentLogger(),
    },
  };
}

const frame = { type: 'message.sent', eventId: 'event-1' };

describe('deliverToUsers', () => {
  it('posts the frame to every connection of every given user, and no one else', async () => {
    const { deps, messenger } = aDelivery();

    const report = await deliverToUsers(deps, ['alice', 'bob', 'dave'], frame);

    expect(messenger.sent.map((s) => s.connectionId).sort()).toEqual(['a-laptop', 'a-phone', 'b-phone']);
    expect(messenger.sent.every((s) => s.frame === frame)).toBe(true);
    expect(report).toEqual({ recipients: 3, sent: 3, gone: 0, failed: 0 });
  });

  it('records frames delivered, gone connections, the fan-out size and its duration', async () => {
    const { deps, messenger } = aDelivery();
    messenger.gone.add('a-laptop');
    const metrics = recordingMetrics();

    await deliverToUsers({ ...deps, metrics }, ['alice', 'bob'], frame);

    expect(metrics.recorded).toEqual({
      FramesDelivered: [2],
      GoneConnections: [1],
      FanOutSize: [3],
      FanOutDuration: [expect.any(Number)],
    });
  });

  it('deletes the record of a connection that is gone (410), unregisters it, and counts it as gone', async () => {
    const { deps, messenger, connections } = aDelivery();
    messenger.gone.add('a-laptop');

    const report = await deliverToUsers(deps, ['alice'], frame);

    expect(report).toEqual({ recipients: 1, sent: 1, gone: 1, failed: 0 });
    expect(connections.records.has('a-laptop')).toBe(false);
    expect(connections.records.has('a-phone')).toBe(true);
    expect([...(connections.directory.entries.get('alice') ?? [])]).toEqual(['a-phone']);
  });

  it('keeps a connection that answers 410 within its first 30 s: its handshake may still be completing', async () => {
    const { deps, messenger, connections } = aDelivery();
    connections.add('dave', 'd-new', '2025-01-15T09:59:45.000Z');
    messenger.gone.add('d-new');

    const report = await deliverToUsers(deps, ['dave'], frame);

    expect(report).toMatchObject({ gone: 1, failed: 0 });
    expect(connections.records.has('d-new')).toBe(true);
    expect(connections.directory.entries.get('dave')?.has('d-new')).toBe(true);
  });

  it('unregisters a gone connection that has no record any more (a stale directory entry)', async () => {
    const { deps, messenger, connections } = aDelivery();
    await connections.directory.register('erin', 'e-ghost');
    messenger.gone.add('e-ghost');

    await deliverToUsers(deps, ['erin'], frame);

    expect(connections.directory.entries.get('erin')?.size).toBe(0);
  });

  it('reads the recipients’ connections in one directory read, and posts nothing for an empty list', async () => {
    const { deps, connections, messenger } = aDelivery();

    await deliverToUsers(deps, ['alice', 'bob', 'carol'], frame);
    await deliverToUsers(deps, [], frame);

    expect(connections.directory.reads).toEqual([['alice', 'bob', 'carol']]);
    expect(messenger.sent).toHaveLength(4);
  });

  it('retries a failing post, with growing waits, until it goes through', async () => {
    const { deps, messenger, retry } = aDelivery();
    messenger.failing.set('b-phone', 2);

    const report = await deliverToUsers(deps, ['bob'], frame);

    expect(report).toMatchObject({ sent: 1, failed: 0 });
    expect(retry.waits).toEqual([10, 20]);
  });

  it('counts a post that keeps failing as failed, after posting to everyone else', async () => {
    const { deps, messenger } = aDelivery();
    messenger.failing.set('b-phone', Infinity);

    const report = await deliverToUsers(deps, ['alice', 'bob', 'carol'], frame);

    expect(report).toEqual({ recipients: 3, sent: 3, gone: 0, failed: 1 });
  });

  it('fails when the directory cannot be read after the retries', async () => {
    const { deps, connections, retry } = aDelivery();
    connections.directory.failReads = true;

    await expect(deliverToUsers(deps, ['alice'], frame)).rejects.toThrow('directory unavailable');
    expect(retry.waits).toHaveLength(2);
  });

  it('never has more posts in flight than the concurrency bound', async () => {
    const { deps, messenger, connections } = aDelivery();
    const users = Array.from({ length: 60 }, (_, i) => `user-${i}`);
    users.forEach((user) => connections.add(user, `${user}-conn`));

    await deliverToUsers({ ...deps, concurrency: 7 }, users, frame);

    expect(messenger.sent.length).toBe(60);
    expect(messenger.maxInFlight).toBeLessThanOrEqual(7);
    expect(messenger.maxInFlight).toBeGreaterThan(1);
  });
});
