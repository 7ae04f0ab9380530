import { DeliveryIncompleteError } from '../../../src/domain/errors';
import { fanOutReadReceipt, RECEIPTS_ROOM_LIMIT } from '../../../src/use-cases/fan-out-read-receipt';
import { aSilentLogger } from '../../support/builders';
import {
  aFixedClock,
  InMemoryConnections,
  InMemoryMemberships,
  noWaitRetry,
  RecordingMessenger,
} from '../../support/fakes';

const moved = {
  roomId: 'room-1',
  userId: 'bob',
  messageId: '01JHF3M2B4C6D8E0F2G4H6J8KM',
  seq: 7,
  readAt: '2025-01-15T10:13:00.000Z',
};

function world(members: string[]) {
  const connections = new InMemoryConnections();
  for (const member of members) connections.add(member, `${member}-c`);
  connections.add('bob', 'bob-phone');
  const memberships = new InMemoryMemberships().room('room-1', members);
  const messenger = new RecordingMessenger();
  return {
    messenger,
    memberships,
    deps: {
      connections,
      directory: connections.directory,
      memberships,
      clock: aFixedClock(),
      messenger,
      concurrency: 5,
      retry: noWaitRetry(),
      logger: aSilentLogger(),
    },
  };
}

describe('fanOutReadReceipt', () => {
  it('tells every member’s connections in a room of at most 100 members', async () => {
    const members = ['alice', 'bob', ...Array.from({ length: RECEIPTS_ROOM_LIMIT - 2 }, (_, i) => `u${i}`)];
    const { deps, messenger } = world(members);

    const result = await fanOutReadReceipt(deps, moved, 'event-1');

    expect(result.audience).toBe('room');
    expect(messenger.recipientsOf('read.updated')).toHaveLength(RECEIPTS_ROOM_LIMIT + 1);
    expect(messenger.sent[0]?.frame).toEqual({ type: 'read.updated', ...moved, eventId: 'event-1' });
  });

  it('tells only the reader’s own connections in a room of more than 100 members', async () => {
    const members = ['alice', 'bob', ...Array.from({ length: RECEIPTS_ROOM_LIMIT - 1 }, (_, i) => `u${i}`)];
    const { deps, messenger, memberships } = world(members);

    const result = await fanOutReadReceipt(deps, moved, 'event-1');

    expect(result.audience).toBe('reader');
    expect(messenger.recipientsOf('read.updated').sort()).toEqual(['bob-c', 'bob-phone']);
    expect(memberships.pageRequests).toEqual([{ roomId: 'room-1', limit: RECEIPTS_ROOM_LIMIT + 1 }]);
  });

  it('fails (for a retry) when a frame could not be posted', async () => {
    const { deps, messenger } = world(['alice', 'bob']);
    messenger.failing.set('alice-c', Infinity);

    await expect(fanOutReadReceipt(deps, moved, 'event-1')).rejects.toBeInstanceOf(DeliveryIncompleteError);
  });
});
