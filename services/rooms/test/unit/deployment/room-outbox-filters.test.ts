import { marshall } from '@aws-sdk/util-dynamodb';
import { matchesPattern } from '@chat/local';
import config from '../../../serverless';
import { roomItem, storedRoomOf } from '../../../src/adapters/items';
import { ROOM_CHANGE_ATTRIBUTE, ROOM_DETAILS_CHANGED } from '../../../src/adapters/room-outbox-filters';
import { roomEventsOf } from '../../../src/use-cases/stream-events';
import { aRoom } from '../../support/builders';

type Item = Record<string, unknown>;

/** Whether Lambda invokes publishRoomEvents for the record (its filters as serverless.ts declares them). */
function invoked(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', newImage?: Item, oldImage?: Item): boolean {
  const events = config.functions?.publishRoomEvents?.events ?? [];
  const patterns = (events[0] as { stream?: { filterPatterns?: object[] } }).stream?.filterPatterns ?? [];
  const record = {
    eventName,
    dynamodb: {
      ...(newImage ? { NewImage: marshall(newImage) } : {}),
      ...(oldImage ? { OldImage: marshall(oldImage) } : {}),
    },
  };
  return patterns.some((pattern) => matchesPattern(pattern as Record<string, unknown>, record));
}

/** Whether the outbox publishes anything for the record. */
function publishes(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', newImage?: Item, oldImage?: Item): boolean {
  return (
    roomEventsOf({
      eventName,
      eventId: 'evt-1',
      ...(newImage ? { newImage: storedRoomOf(newImage) } : {}),
      ...(oldImage ? { oldImage: storedRoomOf(oldImage) } : {}),
    }).length > 0
  );
}

const flagged = (item: Item): Item => ({ ...item, [ROOM_CHANGE_ATTRIBUTE]: ROOM_DETAILS_CHANGED });

describe("publishRoomEvents' stream filters", () => {
  const created = roomItem(aRoom());
  const renamed = flagged(roomItem(aRoom({ name: 'renamed' })));

  it('pass a new room and a change of its details, both publishing', () => {
    expect(invoked('INSERT', created)).toBe(true);
    expect(publishes('INSERT', created)).toBe(true);
    expect(invoked('MODIFY', renamed, created)).toBe(true);
    expect(publishes('MODIFY', renamed, created)).toBe(true);
  });

  it('pass no member-count change (its write removes the flag), no archiving and no removal', () => {
    const counted = roomItem(aRoom({ name: 'renamed', memberCount: 2 }));
    expect(invoked('MODIFY', counted, renamed)).toBe(false);
    expect(publishes('MODIFY', counted, renamed)).toBe(false);
    const archived = roomItem(aRoom({ status: 'archived' }));
    expect(invoked('MODIFY', archived, created)).toBe(false);
    expect(publishes('MODIFY', archived, created)).toBe(false);
    expect(invoked('REMOVE', undefined, created)).toBe(false);
  });
});
