import { MAX_REMOVAL_ATTEMPTS, removeMember } from '../../../src/use-cases/remove-member';
import {
  ConcurrentChangeError,
  DirectMessageRoomError,
  MemberNotFoundError,
  NotRoomManagerError,
  OwnerCannotBeRemovedError,
  RoomNotFoundError,
} from '../../../src/domain/errors';
import { alice, bob, carol, context, dave } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

const at = (day: number) => `2025-01-0${day}T00:00:00.000Z`;

describe('removeMember: leaving', () => {
  it('removes the caller, uncounts them and records a leave', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await removeMember(deps, bob, 'r1', bob.userId, context);

    expect(rooms.membersOf('r1').map((m) => m.userId)).toEqual([alice.userId]);
    expect(rooms.rooms.get('r1')?.memberCount).toBe(1);
    expect(rooms.removals[0]).toMatchObject({ userId: bob.userId, removedBy: bob.userId, reason: 'left' });
  });

  it('answers not found to a second leave (204 then 404)', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await removeMember(deps, bob, 'r1', bob.userId, context);

    await expect(removeMember(deps, bob, 'r1', bob.userId, context)).rejects.toThrow(MemberNotFoundError);
  });

  it('hands ownership to the longest-standing admin when the owner leaves', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner', joinedAt: at(1) },
      { userId: bob.userId, role: 'member', joinedAt: at(2) },
      { userId: carol.userId, role: 'admin', joinedAt: at(4) },
      { userId: dave.userId, role: 'admin', joinedAt: at(3) },
    ]);

    await removeMember(deps, alice, 'r1', alice.userId, context);

    expect(rooms.rooms.get('r1')).toMatchObject({ ownerId: dave.userId, memberCount: 3, status: 'active' });
    expect((await rooms.getMember('r1', dave.userId))?.role).toBe('owner');
  });

  it('hands ownership to the longest-standing member when there is no admin', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner', joinedAt: at(1) },
      { userId: carol.userId, role: 'member', joinedAt: at(3) },
      { userId: bob.userId, role: 'member', joinedAt: at(2) },
    ]);

    await removeMember(deps, alice, 'r1', alice.userId, context);

    expect(rooms.rooms.get('r1')?.ownerId).toBe(bob.userId);
  });

  it('archives the room when its owner leaves it empty', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [{ userId: alice.userId, role: 'owner' }]);

    await removeMember(deps, alice, 'r1', alice.userId, context);

    expect(rooms.rooms.get('r1')).toMatchObject({ status: 'archived', memberCount: 0 });
  });

  it('decides again when the successor changed meanwhile', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner', joinedAt: at(1) },
      { userId: bob.userId, role: 'member', joinedAt: at(2) },
      { userId: carol.userId, role: 'member', joinedAt: at(3) },
    ]);
    rooms.interfere = (removal) => {
      rooms.interfere = undefined;
      if (removal.ownerDeparture?.kind === 'hand-over') rooms.memberships.delete(`r1/${bob.userId}`);
    };

    await removeMember(deps, alice, 'r1', alice.userId, context);

    expect(rooms.rooms.get('r1')?.ownerId).toBe(carol.userId);
  });

  it(`gives up with a conflict after ${MAX_REMOVAL_ATTEMPTS} changed attempts`, async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);
    rooms.removeMember = async () => 'changed';

    await expect(removeMember(deps, bob, 'r1', bob.userId, context)).rejects.toThrow(ConcurrentChangeError);
  });

  it('refuses to let a member leave a DM', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'dm', kind: 'dm', visibility: 'private' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await expect(removeMember(deps, bob, 'dm', bob.userId, context)).rejects.toThrow(DirectMessageRoomError);
  });

  it('answers not found for leaving a private room one is not in', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'r1', visibility: 'private' }, [{ userId: alice.userId, role: 'owner' }]);

    await expect(removeMember(deps, bob, 'r1', bob.userId, context)).rejects.toThrow(RoomNotFoundError);
  });
});

describe('removeMember: kicking', () => {
  function roomWithStaff() {
    const setup = fakeDependencies();
    setup.rooms.seed({ roomId: 'r1' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'admin' },
      { userId: carol.userId, role: 'member' },
      { userId: dave.userId, role: 'admin' },
    ]);
    return setup;
  }

  it('lets an admin kick a member and records who kicked whom', async () => {
    const { deps, rooms } = roomWithStaff();

    await removeMember(deps, bob, 'r1', carol.userId, context);

    expect(rooms.removals[0]).toMatchObject({
      userId: carol.userId,
      removedBy: bob.userId,
      reason: 'kicked',
    });
    expect(rooms.rooms.get('r1')?.memberCount).toBe(3);
  });

  it('lets the owner kick an admin', async () => {
    const { deps, rooms } = roomWithStaff();

    await removeMember(deps, alice, 'r1', bob.userId, context);

    expect(await rooms.getMember('r1', bob.userId)).toBeUndefined();
  });

  it('refuses to kick the owner, even for an admin', async () => {
    const { deps } = roomWithStaff();

    await expect(removeMember(deps, bob, 'r1', alice.userId, context)).rejects.toThrow(
      OwnerCannotBeRemovedError,
    );
  });

  it('refuses an admin kicking another admin, and a member kicking anyone', async () => {
    const { deps } = roomWithStaff();

    await expect(removeMember(deps, bob, 'r1', dave.userId, context)).rejects.toThrow(NotRoomManagerError);
    await expect(removeMember(deps, carol, 'r1', dave.userId, context)).rejects.toThrow(NotRoomManagerError);
  });

  it('answers not found for kicking someone who is not a member', async () => {
    const { deps } = roomWithStaff();

    await expect(removeMember(deps, alice, 'r1', 'user-stranger', context)).rejects.toThrow(
      MemberNotFoundError,
    );
  });

  it('refuses a non-member of a public room (403)', async () => {
    const { deps } = roomWithStaff();

    await expect(
      removeMember(deps, { userId: 'x', username: 'x' }, 'r1', carol.userId, context),
    ).rejects.toThrow(NotRoomManagerError);
  });

  it('refuses kicking from a DM', async () => {
    const { deps, rooms } = fakeDependencies();
    rooms.seed({ roomId: 'dm', kind: 'dm', visibility: 'private' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await expect(removeMember(deps, alice, 'dm', bob.userId, context)).rejects.toThrow(
      DirectMessageRoomError,
    );
  });
});
