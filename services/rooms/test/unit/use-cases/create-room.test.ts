import { createRoom } from '../../../src/use-cases/create-room';
import { getRoom } from '../../../src/use-cases/get-room';
import { RoomNotFoundError } from '../../../src/domain/errors';
import { alice, bob, context } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

describe('createRoom', () => {
  it('creates an active room whose only member is the caller, as owner', async () => {
    const { deps, rooms } = fakeDependencies();

    const room = await createRoom(deps, alice, { name: 'general', visibility: 'public' }, context);

    expect(room).toEqual({
      roomId: 'room-new-1',
      kind: 'room',
      name: 'general',
      topic: '',
      visibility: 'public',
      ownerId: alice.userId,
      memberCount: 1,
      createdAt: '2025-02-01T12:00:00.000Z',
    });
    expect(rooms.membersOf(room.roomId)).toEqual([
      {
        roomId: room.roomId,
        userId: alice.userId,
        username: 'alice',
        role: 'owner',
        joinedAt: '2025-02-01T12:00:00.000Z',
        roomKind: 'room',
      },
    ]);
  });

  it("remembers the caller's username for later invites and DMs", async () => {
    const { deps, users } = fakeDependencies();

    await createRoom(deps, alice, { name: 'general', visibility: 'private', topic: 'secret plans' }, context);

    expect(await users.find(alice.userId)).toEqual(alice);
  });
});

describe('getRoom', () => {
  it('shows a public room to a non-member', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1', visibility: 'public' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(getRoom(deps, bob, 'r1')).resolves.toMatchObject({ roomId: 'r1', memberCount: 1 });
  });

  it('answers not found for a private room the caller is not in, as for a missing room', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1', visibility: 'private' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(getRoom(deps, bob, 'r1')).rejects.toThrow(RoomNotFoundError);
    await expect(getRoom(deps, bob, 'missing')).rejects.toThrow(RoomNotFoundError);
    await expect(getRoom(deps, alice, 'r1')).resolves.toMatchObject({ roomId: 'r1' });
  });

  it('answers not found for an archived room, even to its former owner', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1', status: 'archived' }, []);

    await expect(getRoom(deps, alice, 'r1')).rejects.toThrow(RoomNotFoundError);
  });
});
