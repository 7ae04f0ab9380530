import { updateRoom } from '../../../src/use-cases/update-room';
import { changeMemberRole } from '../../../src/use-cases/change-member-role';
import {
  DirectMessageRoomError,
  MemberNotFoundError,
  NotRoomManagerError,
  NotRoomOwnerError,
  OwnerRoleUnchangeableError,
  RoomNotFoundError,
} from '../../../src/domain/errors';
import { alice, bob, carol, context } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

function staffedRoom(visibility: 'public' | 'private' = 'public') {
  const setup = fakeDependencies();
  setup.rooms.seed({ roomId: 'r1', visibility, name: 'old' }, [
    { userId: alice.userId, role: 'owner' },
    { userId: bob.userId, role: 'admin' },
    { userId: carol.userId, role: 'member' },
  ]);
  return setup;
}

describe('updateRoom', () => {
  it('lets the owner or an admin rename the room and change its topic', async () => {
    const { deps } = staffedRoom();

    await updateRoom(deps, alice, 'r1', { name: 'renamed' }, context);
    const updated = await updateRoom(deps, bob, 'r1', { topic: 'new topic' }, context);

    expect(updated).toMatchObject({ name: 'renamed', topic: 'new topic' });
  });

  it('refuses a plain member and a non-member of a public room (403)', async () => {
    const { deps } = staffedRoom();

    await expect(updateRoom(deps, carol, 'r1', { name: 'x' }, context)).rejects.toThrow(NotRoomManagerError);
    await expect(
      updateRoom(deps, { userId: 'u', username: 'u' }, 'r1', { name: 'x' }, context),
    ).rejects.toThrow(NotRoomManagerError);
  });

  it('answers not found to a non-member of a private room', async () => {
    const { deps } = staffedRoom('private');

    await expect(
      updateRoom(deps, { userId: 'u', username: 'u' }, 'r1', { name: 'x' }, context),
    ).rejects.toThrow(RoomNotFoundError);
  });

  it('refuses to change a DM', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'dm', kind: 'dm', visibility: 'private', name: '' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await expect(updateRoom(deps, alice, 'dm', { name: 'x' }, context)).rejects.toThrow(
      DirectMessageRoomError,
    );
  });
});

describe('changeMemberRole', () => {
  it('lets the owner appoint and demote admins', async () => {
    const { deps } = staffedRoom();

    await expect(changeMemberRole(deps, alice, 'r1', carol.userId, 'admin', context)).resolves.toMatchObject({
      role: 'admin',
    });
    await expect(changeMemberRole(deps, alice, 'r1', bob.userId, 'member', context)).resolves.toMatchObject({
      role: 'member',
    });
  });

  it('refuses admins and members (403)', async () => {
    const { deps } = staffedRoom();

    await expect(changeMemberRole(deps, bob, 'r1', carol.userId, 'admin', context)).rejects.toThrow(
      NotRoomOwnerError,
    );
    await expect(changeMemberRole(deps, carol, 'r1', carol.userId, 'admin', context)).rejects.toThrow(
      NotRoomOwnerError,
    );
  });

  it("refuses to change the owner's own role and answers not found for a non-member", async () => {
    const { deps } = staffedRoom();

    await expect(changeMemberRole(deps, alice, 'r1', alice.userId, 'member', context)).rejects.toThrow(
      OwnerRoleUnchangeableError,
    );
    await expect(changeMemberRole(deps, alice, 'r1', 'user-x', 'admin', context)).rejects.toThrow(
      MemberNotFoundError,
    );
  });
});
