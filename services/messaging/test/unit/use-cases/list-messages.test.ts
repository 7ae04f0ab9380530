import { ValidationError } from '@chat/runtime';
import { RoomNotFoundError } from '../../../src/domain/errors';
import { historyCursorOf, listMessages } from '../../../src/use-cases/list-messages';
import { aMessage, ALICE, CAROL, ROOM } from '../../support/builders';
import { aWorld, type FakeWorld } from '../../support/fakes';

function roomWithFiveMessages(): { world: FakeWorld; ids: string[] } {
  const world = aWorld();
  world.memberships.add(ROOM, { userId: ALICE, username: 'alice', role: 'member' });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const message = {
      ...aMessage({ text: `m${i}`, seq: i + 1, version: i + 1 }),
      correlationId: 'stored-only',
    };
    world.messages.put(message);
    ids.push(message.messageId);
  }
  return { world, ids };
}

describe('listMessages', () => {
  it('pages newest first, the cursor of a full page leading to the older ones, null at the end', async () => {
    const { world, ids } = roomWithFiveMessages();

    const first = await listMessages(world, { roomId: ROOM, userId: ALICE, limit: 2 });
    const second = await listMessages(world, {
      roomId: ROOM,
      userId: ALICE,
      limit: 2,
      before: first.nextCursor ?? '',
    });
    const third = await listMessages(world, {
      roomId: ROOM,
      userId: ALICE,
      limit: 2,
      before: second.nextCursor ?? '',
    });

    expect(first.items.map((m) => m.messageId)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toBe(ids[3]);
    expect(second.items.map((m) => m.messageId)).toEqual([ids[2], ids[1]]);
    expect(third.items.map((m) => m.messageId)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it('catches up after a message oldest first, with the cursor to pass as after', async () => {
    const { world, ids } = roomWithFiveMessages();

    const first = await listMessages(world, { roomId: ROOM, userId: ALICE, limit: 2, after: ids[1] });
    const second = await listMessages(world, {
      roomId: ROOM,
      userId: ALICE,
      limit: 2,
      after: first.nextCursor ?? '',
    });

    expect(first.items.map((m) => m.messageId)).toEqual([ids[2], ids[3]]);
    expect(first.nextCursor).toBe(ids[3]);
    expect(second.items.map((m) => m.messageId)).toEqual([ids[4]]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers a page that exactly ends the history with a null cursor', async () => {
    const { world } = roomWithFiveMessages();

    const page = await listMessages(world, { roomId: ROOM, userId: ALICE, limit: 5 });

    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });

  it('returns messages without storage-only attributes', async () => {
    const { world } = roomWithFiveMessages();

    const page = await listMessages(world, { roomId: ROOM, userId: ALICE, limit: 1 });

    expect(page.items[0]).not.toHaveProperty('correlationId');
  });

  it('orders by seq, the room order, even where message ids sort otherwise', async () => {
    const world = aWorld();
    world.memberships.add(ROOM, { userId: ALICE, username: 'alice', role: 'member' });
    // Two sandboxes' ids: the one stored first (seq 1) has the larger id.
    const [early, late] = [aMessage({ text: 'a' }), aMessage({ text: 'b' })];
    world.messages.put({ ...late!, seq: 1, version: 1 });
    world.messages.put({ ...early!, seq: 2, version: 2 });

    const newest = await listMessages(world, { roomId: ROOM, userId: ALICE, limit: 10 });
    const after = await listMessages(world, {
      roomId: ROOM,
      userId: ALICE,
      limit: 10,
      after: late!.messageId,
    });

    expect(newest.items.map((m) => m.seq)).toEqual([2, 1]);
    expect(after.items.map((m) => m.messageId)).toEqual([early!.messageId]);
  });

  it('refuses a cursor that is no message of the room with a 400 naming it', async () => {
    const { world } = roomWithFiveMessages();

    await expect(
      listMessages(world, { roomId: ROOM, userId: ALICE, limit: 2, before: '01JHF3M2B4C6D8E0F2G4H6J8KM' }),
    ).rejects.toMatchObject({ details: [{ field: 'before', message: 'is not a message of this room' }] });
  });

  it('refuses a non-member as if the room did not exist', async () => {
    const { world } = roomWithFiveMessages();

    await expect(listMessages(world, { roomId: ROOM, userId: CAROL, limit: 10 })).rejects.toBeInstanceOf(
      RoomNotFoundError,
    );
  });
});

describe('historyCursorOf', () => {
  it('refuses a cursor that is not a message id, naming the parameter', () => {
    const thrown = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      return undefined;
    };

    expect(thrown(() => historyCursorOf({ before: 'not-a-cursor' }))).toMatchObject({
      details: [{ field: 'before', message: 'is not a message id' }],
    });
    expect(thrown(() => historyCursorOf({ after: 'zzz' }))).toMatchObject({
      details: [{ field: 'after', message: 'is not a message id' }],
    });
  });

  it('refuses before and after together', () => {
    expect(() =>
      historyCursorOf({ before: '01JHF3M2B4C6D8E0F2G4H6J8KM', after: '01JHF3M2B4C6D8E0F2G4H6J8KM' }),
    ).toThrow(ValidationError);
  });
});
