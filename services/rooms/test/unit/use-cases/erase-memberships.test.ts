import { eraseMemberships } from '../../../src/use-cases/erase-memberships';
import { alice, bob, carol, context } from '../../support/builders';
import { fakeDependencies } from '../../support/in-memory-room-store';

describe('eraseMemberships', () => {
  it('removes every membership as a leave, handing an owned room to the longest-standing admin', async () => {
    const { deps, rooms, users } = fakeDependencies([alice, bob, carol]);
    rooms.seed({ roomId: 'owned' }, [
      { userId: alice.userId, role: 'owner', joinedAt: '2025-01-01T00:00:00.000Z' },
      { userId: carol.userId, role: 'member', joinedAt: '2025-01-02T00:00:00.000Z' },
      { userId: bob.userId, role: 'admin', joinedAt: '2025-01-03T00:00:00.000Z' },
    ]);
    rooms.seed({ roomId: 'joined' }, [
      { userId: bob.userId, role: 'owner' },
      { userId: alice.userId, role: 'member' },
    ]);

    const removed = await eraseMemberships(deps, alice.userId, context);

    expect(removed).toBe(2);
    expect([...rooms.memberships.values()].filter((m) => m.userId === alice.userId)).toEqual([]);
    expect(rooms.rooms.get('owned')?.ownerId).toBe(bob.userId);
    expect(rooms.removals.map((r) => r.reason)).toEqual(['left', 'left']);
    expect(users.users.has(alice.userId)).toBe(false);
  });

  it('archives a room the user was alone in, and does nothing more when run again', async () => {
    const { deps, rooms } = fakeDependencies([alice]);
    rooms.seed({ roomId: 'solo' }, [{ userId: alice.userId, role: 'owner' }]);

    await eraseMemberships(deps, alice.userId, context);
    const again = await eraseMemberships(deps, alice.userId, context);

    expect(rooms.rooms.get('solo')?.status).toBe('archived');
    expect(again).toBe(0);
  });

  it('decides again when the room changed under a removal', async () => {
    const { deps, rooms } = fakeDependencies([alice, bob, carol]);
    rooms.seed({ roomId: 'busy' }, [
      { userId: alice.userId, role: 'owner', joinedAt: '2025-01-01T00:00:00.000Z' },
      { userId: bob.userId, role: 'member', joinedAt: '2025-01-02T00:00:00.000Z' },
    ]);
    let interfered = false;
    rooms.interfere = () => {
      if (interfered) return;
      interfered = true;
      rooms.memberships.get(`busy/${bob.userId}`)!.role = 'admin'; // promoted meanwhile: the successor changed
    };

    await eraseMemberships(deps, alice.userId, context);

    expect(rooms.rooms.get('busy')?.ownerId).toBe(bob.userId);
    expect(rooms.membersOf('busy').map((m) => [m.userId, m.role])).toEqual([[bob.userId, 'owner']]);
  });
});
