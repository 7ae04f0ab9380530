import { deliverToUsers } from '../../../src/use-cases/deliver';
import { aSilentLogger } from '../../support/builders';
import { InMemoryConnections, noWaitRetry, RecordingMessenger } from '../../support/fakes';

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
    deps: { connections, messenger, retry, concurrency: 25, logger: aSilentLogger() },
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

  it('deletes the record of a connection that is gone (410) and counts it as gone', async () => {
    const { deps, messenger, connections } = aDelivery();
    messenger.gone.add('a-laptop');

    const report = await deliverToUsers(deps, ['alice'], frame);

    expect(report).toEqual({ recipients: 1, sent: 1, gone: 1, failed: 0 });
    expect(connections.records.has('a-laptop')).toBe(false);
    expect(connections.records.has('a-phone')).toBe(true);
  });

  it('retries a failing post, with growing waits, until it goes through', async () => {
    const { deps, messenger, retry } = aDelivery();
    messenger.failing.set('b-phone', 2);

    const report = await deliverToUsers(deps, ['bob'], frame);

    expect(report).toMatchObject({ sent: 1, failed: 0 });
    expect(retry.waits).toEqual([10, 20]);
  });

  it('counts a post that keeps failing, and a recipient whose connections cannot be read, as failed', async () => {
    const { deps, messenger, connections } = aDelivery();
    messenger.failing.set('b-phone', Infinity);
    connections.failQueriesFor.add('carol');

    const report = await deliverToUsers(deps, ['alice', 'bob', 'carol'], frame);

    expect(report).toEqual({ recipients: 3, sent: 2, gone: 0, failed: 2 });
  });

  it('never has more users in flight than the concurrency bound', async () => {
    const { deps, messenger, connections } = aDelivery();
    const users = Array.from({ length: 60 }, (_, i) => `user-${i}`);
    users.forEach((user) => connections.add(user, `${user}-conn`));

    await deliverToUsers({ ...deps, concurrency: 7 }, users, frame);

    expect(messenger.sent.length).toBe(60);
    expect(messenger.maxInFlight).toBeLessThanOrEqual(7);
    expect(messenger.maxInFlight).toBeGreaterThan(1);
  });
});
