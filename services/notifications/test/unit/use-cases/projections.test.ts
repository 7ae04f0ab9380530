import { roomCreatedContract } from '@chat/events';
import { rememberRoom, rememberUser, trackPresence } from '../../../src/use-cases/projections';
import { bob } from '../../support/builders';
import {
  FakeDevices,
  FakePresence,
  FakeRooms,
  FakeUsers,
  FakeUserTopics,
  silentLogger,
} from '../../support/fakes';

describe('the projections', () => {
  it('remember a registered user and subscribe their e-mail address to their topic', async () => {
    const deps = {
      users: new FakeUsers(),
      devices: new FakeDevices(),
      topics: new FakeUserTopics(),
      logger: silentLogger,
    };

    await rememberUser(deps, { userId: bob, username: 'bob', email: 'bob@example.com' });
    await rememberUser(deps, { userId: bob, username: 'bob', email: 'bob@example.com' });

    expect(await deps.users.get(bob)).toEqual({
      userId: bob,
      username: 'bob',
      email: 'bob@example.com',
      topicArn: deps.topics.topicArnOf(bob),
    });
    expect(deps.topics.subscriptionsOf(deps.topics.topicArnOf(bob))).toEqual([
      { protocol: 'email', endpoint: 'bob@example.com' },
    ]);
  });

  it('keep the later room name when events arrive out of order', async () => {
    const rooms = new FakeRooms();
    const room = roomCreatedContract.examples[0];

    await rememberRoom({ rooms }, { ...room, name: 'renamed' }, '2025-01-15T11:00:00.000Z');
    await rememberRoom({ rooms }, room, '2025-01-15T10:00:00.000Z');

    expect((await rooms.get(room.roomId))?.name).toBe('renamed');
  });

  it('keep the latest presence, offline winning a tie', async () => {
    const presence = new FakePresence();

    await trackPresence(
      { presence },
      { userId: bob, status: 'offline', lastSeenAt: '2025-01-15T11:00:00.000Z' },
    );
    await trackPresence(
      { presence },
      { userId: bob, status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' },
    );
    await trackPresence(
      { presence },
      { userId: bob, status: 'online', lastSeenAt: '2025-01-15T11:00:00.000Z' },
    );

    expect(await presence.statusOf(bob)).toBe('offline');
  });
});
