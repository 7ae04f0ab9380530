import { closeUserConnections } from '../../../src/use-cases/close-user-connections';
import { DeliveryIncompleteError } from '../../../src/domain/errors';
import { notifyUser } from '../../../src/use-cases/notify-user';
import { aSilentLogger } from '../../support/builders';
import { aFixedClock, InMemoryConnections, noWaitRetry, RecordingMessenger } from '../../support/fakes';

const requested = {
  userId: 'bob',
  notificationId: 'n-1',
  kind: 'mention' as const,
  roomId: 'room-1',
  messageId: 'm-1',
  fromUserId: 'alice',
  preview: 'hi @bob',
  createdAt: '2025-01-15T10:00:00.000Z',
};

describe('notifyUser', () => {
  it('sends the notification frame to every connection of the notified user only', async () => {
    const connections = new InMemoryConnections().add('bob', 'b1').add('bob', 'b2').add('alice', 'a1');
    const messenger = new RecordingMessenger();
    const deps = {
      connections,
      directory: connections.directory,
      clock: aFixedClock(),
      messenger,
      concurrency: 5,
      retry: noWaitRetry(),
      logger: aSilentLogger(),
    };

    const report = await notifyUser(deps, requested, 'event-3');

    expect(messenger.recipientsOf('notification').sort()).toEqual(['b1', 'b2']);
    expect(messenger.sent[0]?.frame).toMatchObject({
      eventId: 'event-3',
      notification: { notificationId: 'n-1' },
    });
    expect(report.sent).toBe(2);
  });

  it('fails (for a retry) when the frame could not be posted', async () => {
    const connections = new InMemoryConnections().add('bob', 'b1');
    const messenger = new RecordingMessenger();
    messenger.failing.set('b1', Infinity);
    const deps = {
      connections,
      directory: connections.directory,
      clock: aFixedClock(),
      messenger,
      concurrency: 5,
      retry: noWaitRetry(),
      logger: aSilentLogger(),
    };

    await expect(notifyUser(deps, requested, 'event-3')).rejects.toBeInstanceOf(DeliveryIncompleteError);
  });
});

describe('closeUserConnections', () => {
  const loggedOut = { userId: 'bob', revokedBefore: '2025-01-15T10:00:00.000Z' };

  function aLogout() {
    const connections = new InMemoryConnections()
      .add('bob', 'before-1', '2025-01-15T09:00:00.000Z')
      .add('bob', 'before-2', '2025-01-15T09:59:59.999Z')
      .add('bob', 'after', '2025-01-15T10:00:00.001Z')
      .add('alice', 'alice-1', '2025-01-15T09:00:00.000Z');
    const messenger = new RecordingMessenger();
    return {
      connections,
      messenger,
      deps: {
        connections,
        directory: connections.directory,
        clock: aFixedClock(),
        messenger,
        retry: noWaitRetry(),
        logger: aSilentLogger(),
      },
    };
  }

  it('closes the user’s connections opened before the logout, and only those', async () => {
    const { deps, messenger } = aLogout();

    const report = await closeUserConnections(deps, loggedOut);

    expect(messenger.closed.sort()).toEqual(['before-1', 'before-2']);
    expect(report).toEqual({ closed: 2, gone: 0, kept: 1 });
  });

  it('deletes the record of a connection that is already gone, and unregisters it', async () => {
    const { deps, messenger, connections } = aLogout();
    messenger.gone.add('before-1');

    const report = await closeUserConnections(deps, loggedOut);

    expect(report).toEqual({ closed: 1, gone: 1, kept: 1 });
    expect(connections.records.has('before-1')).toBe(false);
    expect(connections.directory.entries.get('bob')?.has('before-1')).toBe(false);
  });

  it('fails when a connection could not be closed, so the event is retried', async () => {
    const { deps, messenger } = aLogout();
    messenger.failing.set('before-2', Infinity);

    await expect(closeUserConnections(deps, loggedOut)).rejects.toThrow('post to before-2 failed');
  });
});
