import { ValidationError } from '@chat/runtime';
import { RoomNotFoundError } from '../../../src/domain/errors';
import {
  countUnread,
  countUnreadOfRooms,
  listReceipts,
  markRead,
  UNREAD_COUNT_CAP,
} from '../../../src/use-cases/read-markers';
import type { Message } from '../../../src/domain/message';
import { aMessage, ALICE, BOB, CAROL, OTHER_ROOM, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

const context = { correlationId: 'req-1' };

function roomWithHistory(senders: string[]): { world: FakeWorld; ids: string[] } {
  const world = aWorld();
  world.memberships
    .add(ROOM, { userId: ALICE, username: 'alice', role: 'member' })
    .add(ROOM, { userId: BOB, username: 'bob', role: 'member' });
  const ids = senders.map((senderId) => {
    const message = aMessage({ senderId });
    world.messages.put(message);
    return message.messageId;
  });
  return { world, ids };
}

const read = (world: FakeWorld, userId: string, messageId: string | undefined, roomId = ROOM) =>
  markRead(world, { roomId, userId, messageId: messageId ?? '', ...context });

describe('read markers', () => {
  it('count every message by others when nothing was read yet', async () => {
    const { world } = roomWithHistory([BOB, ALICE, BOB]);

    expect(await countUnread(world, { roomId: ROOM, userId: ALICE })).toEqual({
      count: 2,
      lastReadMessageId: null,
      capped: false,
    });
  });

  it('count the messages by others after the marker', async () => {
    const { world, ids } = roomWithHistory([BOB, BOB, ALICE, BOB]);

    const outcome = await read(world, ALICE, ids[1]);

    expect(outcome).toEqual({ moved: true });
    expect(await countUnread(world, { roomId: ROOM, userId: ALICE })).toEqual({
      count: 1,
      lastReadMessageId: ids[1],
      capped: false,
    });
  });

  it('do not count deleted messages', async () => {
    const { world, ids } = roomWithHistory([BOB]);
    world.messages.put({ ...aMessage({ senderId: BOB, text: '' }), deletedAt: '2025-01-15T10:00:00.000Z' });

    expect((await countUnread(world, { roomId: ROOM, userId: ALICE })).count).toBe(ids.length);
  });

  it('never move back to an older message', async () => {
    const { world, ids } = roomWithHistory([BOB, BOB]);

    await read(world, ALICE, ids[1]);
    const back = await read(world, ALICE, ids[0]);

    expect(back).toEqual({ moved: false });
    expect((await countUnread(world, { roomId: ROOM, userId: ALICE })).lastReadMessageId).toBe(ids[1]);
  });

  it('order by seq when messages carry one, whatever their ids say', async () => {
    const world = aWorld();
    world.memberships.add(ROOM, { userId: ALICE, username: 'alice', role: 'member' });
    // Stored late by another sandbox: an older id, but the later seq.
    const later = { ...aMessage({ senderId: BOB }), seq: 2 } as Message;
    const earlier = { ...aMessage({ senderId: BOB }), seq: 1 } as Message;
    world.messages.put(later);
    world.messages.put(earlier);

    await read(world, ALICE, later.messageId);
    const back = await read(world, ALICE, earlier.messageId);

    expect(back).toEqual({ moved: false });
    expect(world.readMarkers.markers.get(`${ALICE}|${ROOM}`)).toMatchObject({
      lastReadMessageId: later.messageId,
      lastReadSeq: 2,
    });
  });

  it('stop counting at the cap and say so', async () => {
    const { world } = roomWithHistory(Array.from({ length: UNREAD_COUNT_CAP + 5 }, () => BOB));

    expect(await countUnread(world, { roomId: ROOM, userId: ALICE })).toEqual({
      count: UNREAD_COUNT_CAP,
      lastReadMessageId: null,
      capped: true,
    });
  });

  it('refuse a marker on a message that is not in the room, naming the field', async () => {
    const { world } = roomWithHistory([BOB]);

    const error = await read(world, ALICE, 'elsewhere').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'messageId', message: 'is not a message of this room' },
    ]);
  });

  it('refuse non-members as if the room did not exist', async () => {
    const { world, ids } = roomWithHistory([BOB]);

    await expect(read(world, CAROL, ids[0])).rejects.toBeInstanceOf(RoomNotFoundError);
    await expect(countUnread(world, { roomId: ROOM, userId: CAROL })).rejects.toBeInstanceOf(
      RoomNotFoundError,
    );
  });
});

describe('unread of many rooms', () => {
  it('answer each room the caller is in, in the order asked, and leave the others out', async () => {
    const { world, ids } = roomWithHistory([BOB, BOB]);
    world.memberships.add(OTHER_ROOM, { userId: ALICE, username: 'alice', role: 'member' });
    world.messages.put(aMessage({ roomId: OTHER_ROOM, senderId: BOB }));
    await read(world, ALICE, ids[0]);

    const answer = await countUnreadOfRooms(world, {
      userId: ALICE,
      roomIds: `${OTHER_ROOM},NOTMINE,${ROOM},${OTHER_ROOM}`,
    });

    expect(answer.items).toEqual([
      { roomId: OTHER_ROOM, count: 1, capped: false, lastReadMessageId: null },
      { roomId: ROOM, count: 1, capped: false, lastReadMessageId: ids[0] },
    ]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not ids', 'room one,room-2'],
    ['an empty id', `${ROOM},,${OTHER_ROOM}`],
    ['101 ids', Array.from({ length: 101 }, (_, i) => `room${i}`).join(',')],
  ])('refuse roomIds that are %s with a 400 naming roomIds', async (_case, roomIds) => {
    const { world } = roomWithHistory([]);

    const error = await countUnreadOfRooms(world, { userId: ALICE, roomIds }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.map((d) => d.field)).toEqual(['roomIds']);
  });

  it('accept 100 ids', async () => {
    const { world } = roomWithHistory([BOB]);
    const roomIds = [ROOM, ...Array.from({ length: 99 }, (_, i) => `room${i}`)].join(',');

    const answer = await countUnreadOfRooms(world, { userId: ALICE, roomIds });

    expect(answer.items.map((item) => item.roomId)).toEqual([ROOM]);
  });
});

describe('receipts', () => {
  it('list the markers of the room’s current members, a page at a time', async () => {
    const { world, ids } = roomWithHistory([ALICE, BOB]);
    world.memberships.add(ROOM, { userId: CAROL, username: 'carol', role: 'member' });
    await read(world, ALICE, ids[1]);
    await read(world, BOB, ids[0]);
    await read(world, CAROL, ids[1]);
    // Carol leaves: her marker stays in the table but is no receipt any more.
    world.memberships.rooms.set(
      ROOM,
      (world.memberships.rooms.get(ROOM) ?? []).filter((m) => m.userId !== CAROL),
    );

    const first = await listReceipts(world, { roomId: ROOM, userId: ALICE, limit: 1 });
    const rest = await listReceipts(world, {
      roomId: ROOM,
      userId: ALICE,
      limit: 5,
      cursor: first.nextCursor ?? '',
    });

    const readAt = world.clock.now().toISOString();
    expect(first.items).toEqual([{ userId: ALICE, lastReadMessageId: ids[1], lastReadSeq: null, readAt }]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(rest).toEqual({
      items: [{ userId: BOB, lastReadMessageId: ids[0], lastReadSeq: null, readAt }],
      nextCursor: null,
    });
  });

  it('refuse non-members as if the room did not exist, and a forged cursor with a 400', async () => {
    const { world } = roomWithHistory([]);

    await expect(listReceipts(world, { roomId: ROOM, userId: CAROL, limit: 5 })).rejects.toBeInstanceOf(
      RoomNotFoundError,
    );
    await expect(
      listReceipts(world, { roomId: ROOM, userId: ALICE, limit: 5, cursor: 'not a cursor' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
