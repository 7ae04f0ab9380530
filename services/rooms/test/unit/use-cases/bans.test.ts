import { joinRoom, addMember } from '../../../src/use-cases/add-member';
import { banUser, listBans, unbanUser } from '../../../src/use-cases/bans';
import { canBan } from '../../../src/domain/bans';
import {
  BanNotAllowedError,
  DirectMessageRoomError,
  NotRoomManagerError,
  UserBannedError,
  UserNotFoundError,
} from '../../../src/domain/errors';
import { banEventsOf } from '../../../src/use-cases/ban-events';
import { alice, bob, carol, context, dave } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

function seeded() {
  const fakes = fakeDependencies([alice, bob, carol, dave]);
  fakes.rooms.seed({ roomId: 'r1' }, [
    { userId: alice.userId, role: 'owner', joinedAt: '2025-01-01T00:00:00.000Z' },
    { userId: bob.userId, role: 'admin', joinedAt: '2025-01-02T00:00:00.000Z' },
    { userId: carol.userId, role: 'member', joinedAt: '2025-01-03T00:00:00.000Z' },
  ]);
  return fakes;
}

describe('canBan', () => {
  it.each([
    ['owner', 'admin', true],
    ['owner', 'member', true],
    ['owner', undefined, true],
    ['admin', 'member', true],
    ['admin', undefined, true],
    ['admin', 'admin', false],
    ['admin', 'owner', false],
    ['owner', 'owner', false],
    ['member', 'member', false],
    ['member', undefined, false],
  ] as const)('%s banning %s: %s', (actor, target, allowed) => {
    expect(canBan(actor, target)).toBe(allowed);
  });
});

describe('banUser', () => {
  it('removes a member as a kick and stores the ban in the same removal', async () => {
    const { deps, rooms } = seeded();

    await banUser(deps, bob, { roomId: 'r1', userId: carol.userId, reason: 'spam' }, context);

    expect(rooms.membersOf('r1').map((m) => m.userId)).not.toContain(carol.userId);
    expect(rooms.removals[0]).toMatchObject({
      userId: carol.userId,
      reason: 'kicked',
      ban: { reason: 'spam' },
    });
    expect(rooms.banned.get(`r1/${carol.userId}`)).toMatchObject({ bannedBy: bob.userId });
  });

  it('refuses the banned user joining and being invited, until the ban is lifted', async () => {
    const { deps } = seeded();
    await banUser(deps, alice, { roomId: 'r1', userId: carol.userId, reason: null }, context);

    await expect(joinRoom(deps, carol, 'r1', context)).rejects.toThrow(UserBannedError);
    await expect(addMember(deps, alice, 'r1', carol.userId, context)).rejects.toThrow(UserBannedError);
    await unbanUser(deps, bob, 'r1', carol.userId);
    await expect(joinRoom(deps, carol, 'r1', context)).resolves.toMatchObject({ role: 'member' });
  });

  it('bans a registered non-member pre-emptively; an unknown user is not found', async () => {
    const { deps, rooms } = seeded();

    await banUser(deps, alice, { roomId: 'r1', userId: dave.userId, reason: null }, context);

    expect(rooms.banned.has(`r1/${dave.userId}`)).toBe(true);
    await expect(
      banUser(deps, alice, { roomId: 'r1', userId: 'user-nobody', reason: null }, context),
    ).rejects.toThrow(UserNotFoundError);
  });

  it('removes a user who joined between the decision and the ban (the store reports them a member)', async () => {
    const { deps, rooms } = seeded();
    const banNonMember = rooms.banNonMember.bind(rooms);
    rooms.banNonMember = async (ban) => {
      await rooms.addMember({
        ...ban,
        username: 'dave',
        role: 'member',
        joinedAt: ban.createdAt,
        roomKind: 'room',
      });
      rooms.banNonMember = banNonMember;
      return banNonMember(ban);
    };

    await banUser(deps, alice, { roomId: 'r1', userId: dave.userId, reason: null }, context);

    expect(rooms.membersOf('r1').map((m) => m.userId)).not.toContain(dave.userId);
    expect(rooms.banned.has(`r1/${dave.userId}`)).toBe(true);
  });

  it('never bans the owner; only the owner bans an admin; members and DMs cannot ban', async () => {
    const { deps, rooms } = seeded();
    rooms.seed({ roomId: 'dm1', kind: 'dm', visibility: 'private' }, [
      { userId: alice.userId, role: 'owner' },
      { userId: bob.userId, role: 'member' },
    ]);

    await expect(
      banUser(deps, bob, { roomId: 'r1', userId: alice.userId, reason: null }, context),
    ).rejects.toThrow(BanNotAllowedError);
    await expect(
      banUser(deps, alice, { roomId: 'r1', userId: alice.userId, reason: null }, context),
    ).rejects.toThrow(BanNotAllowedError);
    await expect(
      banUser(deps, carol, { roomId: 'r1', userId: bob.userId, reason: null }, context),
    ).rejects.toThrow(NotRoomManagerError);
    await expect(
      banUser(deps, alice, { roomId: 'dm1', userId: bob.userId, reason: null }, context),
    ).rejects.toThrow(DirectMessageRoomError);
    await banUser(deps, alice, { roomId: 'r1', userId: bob.userId, reason: null }, context);
    expect(rooms.banned.has(`r1/${bob.userId}`)).toBe(true);
  });
});

describe('listBans', () => {
  it('pages the bans by user id for managers only', async () => {
    const { deps } = seeded();
    await banUser(deps, alice, { roomId: 'r1', userId: carol.userId, reason: null }, context);
    await banUser(deps, alice, { roomId: 'r1', userId: dave.userId, reason: 'x' }, context);

    const first = await listBans(deps, bob, 'r1', { limit: 1 });
    const second = await listBans(deps, bob, 'r1', { limit: 1, cursor: first.nextCursor ?? '' });

    expect([...first.items, ...second.items].map((b) => b.userId)).toEqual([carol.userId, dave.userId]);
    expect(second.nextCursor).toBeNull();
  });
});

describe('banEventsOf', () => {
  it('publishes UserBanned for a new ban only', () => {
    const record = {
      roomId: 'r1',
      userId: carol.userId,
      bannedBy: alice.userId,
      reason: null,
      createdAt: '2025-01-01T00:00:00.000Z',
    };

    const inserted = banEventsOf({
      eventName: 'INSERT',
      eventId: 'e1',
      newImage: { record, correlationId: 'c1' },
    });
    const removed = banEventsOf({ eventName: 'REMOVE', eventId: 'e2', oldImage: { record } });

    expect(inserted.map((e) => [e.metadata.eventType, e.data, e.metadata.correlationId])).toEqual([
      ['UserBanned', { roomId: 'r1', userId: carol.userId, bannedBy: alice.userId, reason: null }, 'c1'],
    ]);
    expect(removed).toEqual([]);
  });
});
