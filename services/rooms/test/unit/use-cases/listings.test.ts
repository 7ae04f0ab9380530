import { ValidationError } from '@chat/runtime';
import { listMyRooms, listPublicRooms } from '../../../src/use-cases/list-rooms';
import { listMembers } from '../../../src/use-cases/list-members';
import { encodeCursor } from '../../../src/use-cases/cursor';
import { NotRoomMemberError, RoomNotFoundError } from '../../../src/domain/errors';
import { alice, bob, carol } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

const day = (n: number) => `2025-01-${String(n).padStart(2, '0')}T00:00:00.000Z`;

describe('listPublicRooms', () => {
  function directory() {
    const setup = fakeDependencies();
    for (let n = 1; n <= 5; n += 1) {
      setup.rooms.seed({ roomId: `pub-${n}`, createdAt: day(n) }, [{ userId: alice.userId, role: 'owner' }]);
    }
    setup.rooms.seed({ roomId: 'secret', visibility: 'private', createdAt: day(9) }, [
      { userId: alice.userId },
    ]);
    setup.rooms.seed({ roomId: 'gone', status: 'archived', createdAt: day(8) }, []);
    return setup;
  }

  it('pages through active public rooms newest first with opaque cursors', async () => {
    const { deps } = directory();

    const first = await listPublicRooms(deps, { limit: 2 });
    const second = await listPublicRooms(deps, { limit: 2, cursor: first.nextCursor ?? '' });
    const third = await listPublicRooms(deps, { limit: 2, cursor: second.nextCursor ?? '' });

    expect([first, second, third].flatMap((page) => page.items.map((r) => r.roomId))).toEqual([
      'pub-5',
      'pub-4',
      'pub-3',
      'pub-2',
      'pub-1',
    ]);
    expect(third.nextCursor).toBeNull();
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['the wrong shape', encodeCursor({ u: 'user-1' })],
    ['a bad time', encodeCursor({ c: 'yesterday', r: 'pub-1' })],
    ['extra fields', encodeCursor({ c: day(1), r: 'pub-1', directory: 'private' })],
  ])('refuses a cursor that is %s with a validation error on cursor', async (_what, cursor) => {
    const { deps } = directory();

    const attempt = listPublicRooms(deps, { limit: 2, cursor });

    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      details: [{ field: 'cursor', message: 'Invalid cursor' }],
    });
  });
});

describe('listMyRooms', () => {
  it("lists the caller's rooms and DMs, newest first, and nobody else's", async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'old', createdAt: day(1) }, [{ userId: bob.userId }]);
    rooms.seed({ roomId: 'dm', kind: 'dm', visibility: 'private', createdAt: day(3) }, [
      { userId: bob.userId },
      { userId: carol.userId },
    ]);
    rooms.seed({ roomId: 'other', createdAt: day(2) }, [{ userId: alice.userId }]);

    const { items } = await listMyRooms(deps, bob);

    expect(items.map((r) => [r.roomId, r.kind])).toEqual([
      ['dm', 'dm'],
      ['old', 'room'],
    ]);
  });

  it('puts the rooms with the newest message first, a room without messages at its creation', async () => {
    const { deps, rooms, activity } = fakeDependencies();
    rooms.seed({ roomId: 'quiet', createdAt: day(5) }, [{ userId: bob.userId }]);
    rooms.seed({ roomId: 'busy', createdAt: day(1) }, [{ userId: bob.userId }]);
    rooms.seed({ roomId: 'older', createdAt: day(2) }, [{ userId: bob.userId }]);
    const lastMessage = {
      messageId: 'm1',
      seq: 3,
      senderId: carol.userId,
      preview: 'hi',
      createdAt: day(7),
    };
    await activity.save(
      {
        roomId: 'busy',
        lastMessage,
        lastActivityAt: day(7),
        revisedAt: day(7),
        deleted: false,
        pendingDeletes: [],
      },
      undefined,
    );

    const { items } = await listMyRooms(deps, bob);

    expect(items.map((r) => [r.roomId, r.lastActivityAt])).toEqual([
      ['busy', day(7)],
      ['quiet', day(5)],
      ['older', day(2)],
    ]);
    expect(items[0]?.lastMessage).toEqual(lastMessage);
    expect(items[1]?.lastMessage).toBeNull();
  });
});

describe('listMembers', () => {
  function roomOf(visibility: 'public' | 'private') {
    const setup = fakeDependencies();
    setup.rooms.seed({ roomId: 'r1', visibility }, [
      { userId: 'user-a', role: 'owner' },
      { userId: 'user-b' },
      { userId: 'user-c' },
    ]);
    return setup;
  }

  it('pages through the members for a member', async () => {
    const { deps } = roomOf('private');
    const caller = { userId: 'user-b', username: 'b' };

    const first = await listMembers(deps, caller, 'r1', { limit: 2 });
    const second = await listMembers(deps, caller, 'r1', { limit: 2, cursor: first.nextCursor ?? '' });

    expect(first.items.map((m) => m.userId)).toEqual(['user-a', 'user-b']);
    expect(second).toEqual({ items: [expect.objectContaining({ userId: 'user-c' })], nextCursor: null });
  });

  it('answers not found to a non-member of a private room and forbidden for a public one', async () => {
    await expect(listMembers(roomOf('private').deps, carol, 'r1', { limit: 10 })).rejects.toThrow(
      RoomNotFoundError,
    );
    await expect(listMembers(roomOf('public').deps, carol, 'r1', { limit: 10 })).rejects.toThrow(
      NotRoomMemberError,
    );
  });

  it('refuses a malformed cursor', async () => {
    const { deps } = roomOf('public');

    await expect(
      listMembers(deps, { userId: 'user-a', username: 'a' }, 'r1', {
        limit: 2,
        cursor: encodeCursor({ c: 1 }),
      }),
    ).rejects.toThrow(ValidationError);
  });
});
