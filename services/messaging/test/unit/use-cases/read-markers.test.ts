import { ValidationError } from '@chat/runtime';
import { RoomNotFoundError } from '../../../src/domain/errors';
import { countUnread, markRead, UNREAD_COUNT_CAP } from '../../../src/use-cases/read-markers';
import { aMessage, ALICE, BOB, CAROL, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

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

    await markRead(world, { roomId: ROOM, userId: ALICE, messageId: ids[1] ?? '' });

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

    await markRead(world, { roomId: ROOM, userId: ALICE, messageId: ids[1] ?? '' });
    await markRead(world, { roomId: ROOM, userId: ALICE, messageId: ids[0] ?? '' });

    expect((await countUnread(world, { roomId: ROOM, userId: ALICE })).lastReadMessageId).toBe(ids[1]);
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

    const error = await markRead(world, { roomId: ROOM, userId: ALICE, messageId: 'elsewhere' }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'messageId', message: 'is not a message of this room' },
    ]);
  });

  it('refuse non-members as if the room did not exist', async () => {
    const { world, ids } = roomWithHistory([BOB]);

    await expect(
      markRead(world, { roomId: ROOM, userId: CAROL, messageId: ids[0] ?? '' }),
    ).rejects.toBeInstanceOf(RoomNotFoundError);
    await expect(countUnread(world, { roomId: ROOM, userId: CAROL })).rejects.toBeInstanceOf(
      RoomNotFoundError,
    );
  });
});
