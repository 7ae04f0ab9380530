import { fanOutPresence, usersSharingARoom } from '../../../src/use-cases/fan-out-presence';
import { aSilentLogger } from '../../support/builders';
import {
  aFixedClock,
  InMemoryConnections,
  InMemoryMemberships,
  noWaitRetry,
  RecordingMessenger,
} from '../../support/fakes';

const bounds = { maxRooms: 100, maxRecipients: 1000, pageSize: 2 };

describe('usersSharingARoom', () => {
  it('is every member of every room of the user, once each, without the user', async () => {
    const memberships = new InMemoryMemberships()
      .room('room-a', ['alice', 'bob', 'carol'])
      .room('room-b', ['alice', 'bob', 'dave', 'erin'])
      .room('room-c', ['zoe', 'yann']);

    const { userIds, rooms, truncated } = await usersSharingARoom(memberships, 'alice', bounds);

    expect(userIds.sort()).toEqual(['bob', 'carol', 'dave', 'erin']);
    expect(rooms).toBe(2);
    expect(truncated).toBe(false);
  });

  it('stops at the bounds on rooms and recipients, and says so', async () => {
    const memberships = new InMemoryMemberships();
    for (let i = 0; i < 5; i += 1) memberships.room(`room-${i}`, ['alice', `u${i}a`, `u${i}b`]);

    const fewRooms = await usersSharingARoom(memberships, 'alice', { ...bounds, maxRooms: 2 });
    const fewUsers = await usersSharingARoom(memberships, 'alice', { ...bounds, maxRecipients: 3 });

    expect(fewRooms).toMatchObject({ rooms: 2, truncated: true });
    expect(fewRooms.userIds).toHaveLength(4);
    expect(fewUsers).toMatchObject({ rooms: 5, truncated: true });
    expect(fewUsers.userIds).toHaveLength(3);
  });
});

describe('fanOutPresence', () => {
  it('sends presence.changed with the event id to the connections of users sharing a room, not the user', async () => {
    const connections = new InMemoryConnections()
      .add('alice', 'alice-conn')
      .add('bob', 'bob-conn')
      .add('zoe', 'zoe-conn');
    const memberships = new InMemoryMemberships().room('room-a', ['alice', 'bob']).room('room-z', ['zoe']);
    const messenger = new RecordingMessenger();

    const result = await fanOutPresence(
      {
        connections,
        directory: connections.directory,
        clock: aFixedClock(),
        memberships,
        messenger,
        bounds,
        concurrency: 10,
        retry: noWaitRetry(),
        logger: aSilentLogger(),
      },
      { userId: 'alice', status: 'offline', lastSeenAt: '2025-01-15T10:00:00.000Z' },
      'event-9',
    );

    expect(messenger.sent).toEqual([
      {
        connectionId: 'bob-conn',
        frame: {
          type: 'presence.changed',
          userId: 'alice',
          status: 'offline',
          lastSeenAt: '2025-01-15T10:00:00.000Z',
          eventId: 'event-9',
        },
      },
    ]);
    expect(result).toMatchObject({ rooms: 1, sent: 1, truncated: false });
  });
});
