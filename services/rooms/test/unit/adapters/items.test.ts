import {
  memberItem,
  PUBLIC_DIRECTORY,
  roomItem,
  roomOf,
  storedMembershipOf,
  storedRoomOf,
} from '../../../src/adapters/items';
import { aMember, aRoom } from '../../support/builders';

describe('room items', () => {
  it('put active public rooms, and only them, in the directory index', () => {
    expect(roomItem(aRoom()).directory).toBe(PUBLIC_DIRECTORY);
    expect(roomItem(aRoom({ visibility: 'private' })).directory).toBeUndefined();
    expect(roomItem(aRoom({ kind: 'dm', visibility: 'private' })).directory).toBeUndefined();
    expect(roomItem(aRoom({ status: 'archived' })).directory).toBeUndefined();
  });

  it('read back as the record, with the correlation id apart', () => {
    const item = roomItem(aRoom({ topic: 't' }), 'corr-1');

    expect(storedRoomOf(item)).toEqual({ record: aRoom({ topic: 't' }), correlationId: 'corr-1' });
  });

  it('fail loudly when malformed', () => {
    expect(() => roomOf({ roomId: 'r1', kind: 'room' })).toThrow(/malformed room item/);
  });
});

describe('membership items', () => {
  it("carry the seniority sort key and read back with the removal marker's reason", () => {
    const item = memberItem(aMember({ role: 'admin' }), 'corr-1');

    expect(item.seniority).toBe('1#2025-01-15T10:00:00.000Z#user-alice');
    expect(
      storedMembershipOf({ ...item, removalId: 'x', removedBy: 'user-bob', removalReason: 'kicked' }),
    ).toEqual({
      record: aMember({ role: 'admin' }),
      correlationId: 'corr-1',
      removalReason: 'kicked',
    });
  });
});
