import { markerOfItem, movedMarkerOf, parseRoomIds, seqOf } from '../../../src/domain/read-markers';

const item = {
  userId: 'u1',
  roomId: 'r1',
  lastReadMessageId: '01JHF3M2B4C6D8E0F2G4H6J8KM',
  updatedAt: '2025-01-15T10:13:00.000Z',
  correlationId: 'req-1',
};

describe('read marker items', () => {
  it('read back with a null seq when the marker has none, and with it when it has one', () => {
    expect(markerOfItem(item)).toEqual({
      userId: 'u1',
      roomId: 'r1',
      lastReadMessageId: item.lastReadMessageId,
      lastReadSeq: null,
      readAt: item.updatedAt,
      correlationId: 'req-1',
    });
    expect(markerOfItem({ ...item, lastReadSeq: 7 }).lastReadSeq).toBe(7);
  });

  it('fail loudly on a malformed item', () => {
    expect(() => markerOfItem({ ...item, lastReadMessageId: 3 })).toThrow(/lastReadMessageId/);
  });
});

describe('a moved marker', () => {
  const before = markerOfItem(item);

  it('is a new marker, or one on another message', () => {
    const after = { ...before, lastReadMessageId: '01JHF3N5P7Q9R1S3T5V7W9X1YZ' };

    expect(movedMarkerOf(undefined, before)).toBe(before);
    expect(movedMarkerOf(before, after)).toBe(after);
  });

  it('is not a rewrite on the same message, nor a removal', () => {
    expect(movedMarkerOf(before, { ...before, readAt: '2025-01-15T11:00:00.000Z' })).toBeUndefined();
    expect(movedMarkerOf(before, undefined)).toBeUndefined();
  });
});

describe('roomIds of GET /unread', () => {
  it('keep the order asked and drop duplicates', () => {
    expect(parseRoomIds('b, a,b,dm_x')).toEqual({ roomIds: ['b', 'a', 'dm_x'] });
  });

  it('refuse more than 100 distinct ids, but count duplicates once', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `r${i}`);

    expect(parseRoomIds([...ids, 'r0'].join(','))).toEqual({ roomIds: ids });
    expect(parseRoomIds([...ids, 'r100'].join(','))).toEqual({ problem: 'At most 100 room ids' });
  });
});

describe('seq of a message', () => {
  it('is the positive integer it carries, else null', () => {
    expect(seqOf({ seq: 4 })).toBe(4);
    expect(seqOf({})).toBeNull();
    expect(seqOf({ seq: '4' })).toBeNull();
    expect(seqOf({ seq: 0 })).toBeNull();
  });
});
