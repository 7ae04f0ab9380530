import { ValidationError } from '@chat/runtime';
import { deleteMessage } from '../../../src/use-cases/delete-message';
import { editMessage } from '../../../src/use-cases/edit-message';
import { RoomNotFoundError } from '../../../src/domain/errors';
import { listChanges } from '../../../src/use-cases/list-changes';
import { sendMessage } from '../../../src/use-cases/send-message';
import { ALICE, BOB, CAROL, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

function aRoom(): FakeWorld {
  const world = aWorld();
  world.memberships.add(ROOM, { userId: ALICE, username: 'alice', role: 'owner' });
  world.memberships.add(ROOM, { userId: BOB, username: 'bob', role: 'member' });
  return world;
}

const send = (world: FakeWorld, text: string, clientMessageId?: string) =>
  sendMessage(world, {
    roomId: ROOM,
    senderId: ALICE,
    text,
    attachmentIds: [],
    correlationId: 'req',
    ...(clientMessageId === undefined ? {} : { clientMessageId }),
  });

describe('versions of a room’s changes', () => {
  it('gives each send, edit and delete the room’s next version; a clientMessageId retry takes none', async () => {
    const world = aRoom();

    const first = await send(world, 'one', 'c-1');
    const retry = await send(world, 'one', 'c-1');
    const second = await send(world, 'two');
    const edited = await editMessage(world, {
      roomId: ROOM,
      messageId: first.message.messageId,
      userId: ALICE,
      text: 'one!',
      correlationId: 'req',
    });
    await deleteMessage(world, {
      roomId: ROOM,
      messageId: second.message.messageId,
      userId: ALICE,
      correlationId: 'r',
    });
    await deleteMessage(world, {
      roomId: ROOM,
      messageId: second.message.messageId,
      userId: ALICE,
      correlationId: 'r',
    });

    expect([first.message.seq, first.message.version]).toEqual([1, 1]);
    expect(retry.message).toEqual(first.message);
    expect([second.message.seq, second.message.version]).toEqual([2, 2]);
    expect([edited.seq, edited.version]).toEqual([1, 3]);
    expect(await world.messages.get(ROOM, second.message.messageId)).toMatchObject({ seq: 2, version: 4 });
    expect(await world.messages.roomVersion(ROOM)).toBe(4);
  });
});

describe('listChanges', () => {
  it('lists each changed message once, in its latest state, ascending by version, with the room’s version', async () => {
    const world = aRoom();
    const a = (await send(world, 'a')).message;
    const b = (await send(world, 'b')).message;
    await editMessage(world, {
      roomId: ROOM,
      messageId: a.messageId,
      userId: ALICE,
      text: 'a2',
      correlationId: 'r',
    });
    await deleteMessage(world, { roomId: ROOM, messageId: a.messageId, userId: ALICE, correlationId: 'r' });

    const feed = await listChanges(world, { roomId: ROOM, userId: BOB, since: 1, limit: 100 });

    expect(feed.version).toBe(4);
    expect(feed.nextSince).toBeNull();
    expect(feed.items.map((m) => [m.messageId, m.version])).toEqual([
      [b.messageId, 2],
      [a.messageId, 4],
    ]);
    expect(feed.items[1]).toMatchObject({ text: '', deletedAt: expect.any(String), seq: 1 });
  });

  it('pages with nextSince, the last item’s version, until nothing remains', async () => {
    const world = aRoom();
    for (const text of ['1', '2', '3', '4', '5']) await send(world, text);

    const first = await listChanges(world, { roomId: ROOM, userId: BOB, since: 0, limit: 2 });
    const second = await listChanges(world, {
      roomId: ROOM,
      userId: BOB,
      since: first.nextSince ?? -1,
      limit: 2,
    });
    const third = await listChanges(world, {
      roomId: ROOM,
      userId: BOB,
      since: second.nextSince ?? -1,
      limit: 2,
    });

    expect([first.items, second.items, third.items].map((page) => page.map((m) => m.version))).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect([first.nextSince, second.nextSince, third.nextSince]).toEqual([2, 4, null]);
  });

  it('answers since = the room’s version with no items', async () => {
    const world = aRoom();
    await send(world, 'x');

    expect(await listChanges(world, { roomId: ROOM, userId: BOB, since: 1, limit: 10 })).toEqual({
      items: [],
      version: 1,
      nextSince: null,
    });
  });

  it('refuses since above the room’s version with a 400 naming since', async () => {
    const world = aRoom();
    await send(world, 'x');

    const failure = listChanges(world, { roomId: ROOM, userId: BOB, since: 2, limit: 10 });

    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toMatchObject({
      details: [{ field: 'since', message: "must not be above the room's version (1)" }],
    });
  });

  it('refuses a non-member as if the room did not exist, before looking at since', async () => {
    const world = aRoom();

    await expect(
      listChanges(world, { roomId: ROOM, userId: CAROL, since: 99, limit: 10 }),
    ).rejects.toBeInstanceOf(RoomNotFoundError);
  });
});
