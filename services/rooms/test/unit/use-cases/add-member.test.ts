import { addMember, joinRoom } from '../../../src/use-cases/add-member';
import {
  DirectMessageRoomError,
  NotRoomManagerError,
  RoomNotFoundError,
  UserNotFoundError,
} from '../../../src/domain/errors';
import { alice, bob, carol, context } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

describe('joinRoom', () => {
  it('adds the caller to a public room as a member and counts them', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [{ userId: alice.userId, role: 'owner' }]);

    const member = await joinRoom(deps, bob, 'r1', context);

    expect(member).toEqual({
      roomId: 'r1',
      userId: bob.userId,
      username: 'bob',
      role: 'member',
      joinedAt: '2025-02-01T12:00:00.000Z',
    });
    expect(rooms.rooms.get('r1')?.memberCount).toBe(2);
  });

  it('is idempotent: joining again returns the same membership and counts once', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [{ userId: alice.userId, role: 'owner' }]);

    const first = await joinRoom(deps, bob, 'r1', context);
    const second = await joinRoom(deps, bob, 'r1', context);

    expect(second).toEqual(first);
    expect(rooms.rooms.get('r1')?.memberCount).toBe(2);
  });

  it('answers not found to a non-member joining a private room or a DM', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'private', visibility: 'private' }, [{ userId: alice.userId, role: 'owner' }]);
    rooms.seed({ roomId: 'dm', kind: 'dm', visibility: 'private' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: carol.userId, role: 'member' },
    ]);

    await expect(joinRoom(deps, bob, 'private', context)).rejects.toThrow(RoomNotFoundError);
    await expect(joinRoom(deps, bob, 'dm', context)).rejects.toThrow(RoomNotFoundError);
    expect(rooms.membersOf('private')).toHaveLength(1);
  });

  it('returns the membership of a member of a private room who "joins" again', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'private', visibility: 'private' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(joinRoom(deps, alice, 'private', context)).resolves.toMatchObject({ role: 'owner' });
  });

  it('answers not found when the room was archived between reading and writing', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [{ userId: alice.userId, role: 'owner' }]);
    const original = rooms.addMember.bind(rooms);
    rooms.addMember = async (member) => {
      const room = rooms.rooms.get('r1');
      if (room) room.status = 'archived';
      return original(member);
    };

    await expect(joinRoom(deps, bob, 'r1', context)).rejects.toThrow(RoomNotFoundError);
  });
});

describe('addMember', () => {
  const known = [alice, bob, carol];

  it('lets the owner or an admin add a registered user to a private room', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'r1', visibility: 'private' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, username: 'bob', role: 'admin' },
    ]);

    const added = await addMember(deps, bob, 'r1', carol.userId, context);

    expect(added).toMatchObject({ userId: carol.userId, username: 'carol', role: 'member' });
    expect(rooms.rooms.get('r1')?.memberCount).toBe(3);
  });

  it('refuses a plain member (403) and a non-member of a public room (403)', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await expect(addMember(deps, bob, 'r1', carol.userId, context)).rejects.toThrow(NotRoomManagerError);
    await expect(addMember(deps, carol, 'r1', bob.userId, context)).rejects.toThrow(NotRoomManagerError);
  });

  it('answers not found to a non-member adding someone to a private room', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'r1', visibility: 'private' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(addMember(deps, bob, 'r1', carol.userId, context)).rejects.toThrow(RoomNotFoundError);
  });

  it('answers not found for a user nobody registered', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'r1' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(addMember(deps, alice, 'r1', 'user-nobody', context)).rejects.toThrow(UserNotFoundError);
  });

  it('is idempotent: adding a member again returns their membership unchanged', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'admin' },
    ]);

    await expect(addMember(deps, alice, 'r1', bob.userId, context)).resolves.toMatchObject({ role: 'admin' });
    expect(rooms.rooms.get('r1')?.memberCount).toBe(2);
  });

  it('treats adding oneself as joining', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'r1' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(addMember(deps, bob, 'r1', bob.userId, context)).resolves.toMatchObject({ role: 'member' });
  });

  it('refuses to add anyone to a DM (403 for its members)', async () => {
    const { deps, rooms } = fakeDependencies(known);
    rooms.seed({ roomId: 'dm', kind: 'dm', visibility: 'private' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await expect(addMember(deps, alice, 'dm', carol.userId, context)).rejects.toThrow(DirectMessageRoomError);
  });
});
