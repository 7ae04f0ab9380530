import { validateEvent } from '@chat/events';
import {
  membershipEventsOf,
  roomEventsOf,
  type StoredMembership,
  type StoredRoom,
} from '../../../src/use-cases/stream-events';
import { aMember, aRoom } from '../../support/builders';

const room = (overrides: Parameters<typeof aRoom>[0] = {}, correlationId?: string): StoredRoom => ({
  record: aRoom(overrides),
  ...(correlationId ? { correlationId } : {}),
});
const membership = (overrides: Partial<StoredMembership> = {}): StoredMembership => ({
  record: aMember({ role: 'member' }),
  ...overrides,
});

describe('roomEventsOf', () => {
  it("publishes RoomCreated with the Room, the record-derived eventId and the writer's correlation id", () => {
    const [event, ...rest] = roomEventsOf({
      eventName: 'INSERT',
      eventId: 'evt-1',
      newImage: room({}, 'corr-9'),
    });

    expect(rest).toEqual([]);
    expect(event?.metadata).toMatchObject({
      eventId: 'evt-1',
      eventType: 'RoomCreated',
      correlationId: 'corr-9',
    });
    expect(event?.data).toEqual({
      roomId: 'room-1',
      kind: 'room',
      name: 'general',
      topic: '',
      visibility: 'public',
      ownerId: 'user-alice',
      memberCount: 1,
      createdAt: '2025-01-15T10:00:00.000Z',
    });
    expect(() => validateEvent(event!)).not.toThrow();
  });

  it('publishes RoomUpdated when the name, topic or owner changed', () => {
    const before = room({ name: 'old' });

    const renamed = roomEventsOf({
      eventName: 'MODIFY',
      eventId: 'e',
      oldImage: before,
      newImage: room({ name: 'new' }),
    });
    const handedOver = roomEventsOf({
      eventName: 'MODIFY',
      eventId: 'e',
      oldImage: room(),
      newImage: room({ ownerId: 'user-bob', memberCount: 0 }),
    });

    expect(renamed.map((e) => [e.metadata.eventType, (e.data as { name: string }).name])).toEqual([
      ['RoomUpdated', 'new'],
    ]);
    expect(handedOver.map((e) => e.metadata.eventType)).toEqual(['RoomUpdated']);
  });

  it('publishes nothing for member-count changes, archiving or deletes', () => {
    expect(
      roomEventsOf({
        eventName: 'MODIFY',
        eventId: 'e',
        oldImage: room(),
        newImage: room({ memberCount: 5 }),
      }),
    ).toEqual([]);
    expect(
      roomEventsOf({
        eventName: 'MODIFY',
        eventId: 'e',
        oldImage: room(),
        newImage: room({ status: 'archived', name: 'x', memberCount: 0 }),
      }),
    ).toEqual([]);
    expect(roomEventsOf({ eventName: 'REMOVE', eventId: 'e', oldImage: room() })).toEqual([]);
  });
});

describe('membershipEventsOf', () => {
  it('publishes UserJoined with the role for a new membership', () => {
    const events = membershipEventsOf({
      eventName: 'INSERT',
      eventId: 'evt-2',
      newImage: membership({ record: aMember({ role: 'owner' }), correlationId: 'corr-2' }),
    });

    expect(
      events.map((e) => [e.metadata.eventType, e.metadata.eventId, e.metadata.correlationId, e.data]),
    ).toEqual([['UserJoined', 'evt-2', 'corr-2', { roomId: 'room-1', userId: 'user-alice', role: 'owner' }]]);
  });

  it('publishes UserLeft with reason kicked when the removal marker says so', () => {
    const [event] = membershipEventsOf({
      eventName: 'REMOVE',
      eventId: 'evt-3',
      oldImage: membership({ removalReason: 'kicked', correlationId: 'corr-kick' }),
    });

    expect(event?.data).toEqual({ roomId: 'room-1', userId: 'user-alice', reason: 'kicked' });
    expect(event?.metadata.correlationId).toBe('corr-kick');
  });

  it('publishes UserLeft with reason left for a leave, or a delete with no marker', () => {
    const reasons = [membership({ removalReason: 'left' }), membership()].map(
      (oldImage) => membershipEventsOf({ eventName: 'REMOVE', eventId: 'e', oldImage })[0]?.data,
    );

    expect(reasons).toEqual([
      { roomId: 'room-1', userId: 'user-alice', reason: 'left' },
      { roomId: 'room-1', userId: 'user-alice', reason: 'left' },
    ]);
  });

  it('publishes nothing for role changes and removal markers (MODIFY)', () => {
    expect(
      membershipEventsOf({
        eventName: 'MODIFY',
        eventId: 'e',
        oldImage: membership(),
        newImage: membership({ removalReason: 'kicked' }),
      }),
    ).toEqual([]);
  });
});
