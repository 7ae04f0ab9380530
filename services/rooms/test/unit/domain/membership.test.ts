import {
  canChangeRoles,
  canManageRoom,
  canRemove,
  seniorityKey,
  SUCCESSOR_SENIORITY_FROM,
  toMember,
} from '../../../src/domain/membership';
import { aMember } from '../../support/builders';

describe('membership rules', () => {
  it('lets the owner and admins manage a room, not members', () => {
    expect([canManageRoom('owner'), canManageRoom('admin'), canManageRoom('member')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('lets the owner remove admins and members, admins remove members, and nobody remove the owner', () => {
    expect(canRemove('owner', 'admin')).toBe(true);
    expect(canRemove('owner', 'member')).toBe(true);
    expect(canRemove('admin', 'member')).toBe(true);
    expect(canRemove('admin', 'admin')).toBe(false);
    expect(canRemove('member', 'member')).toBe(false);
    expect(canRemove('owner', 'owner')).toBe(false);
    expect(canRemove('admin', 'owner')).toBe(false);
  });

  it('lets only the owner change roles', () => {
    expect([canChangeRoles('owner'), canChangeRoles('admin'), canChangeRoles('member')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('orders seniority as owner, then admins, then members, each longest-standing first', () => {
    const keys = [
      aMember({ userId: 'm-new', role: 'member', joinedAt: '2025-01-03T00:00:00.000Z' }),
      aMember({ userId: 'a-new', role: 'admin', joinedAt: '2025-01-04T00:00:00.000Z' }),
      aMember({ userId: 'owner', role: 'owner', joinedAt: '2025-01-05T00:00:00.000Z' }),
      aMember({ userId: 'm-old', role: 'member', joinedAt: '2025-01-01T00:00:00.000Z' }),
      aMember({ userId: 'a-old', role: 'admin', joinedAt: '2025-01-02T00:00:00.000Z' }),
    ].map((member) => [seniorityKey(member), member.userId] as const);

    const ordered = [...keys].sort(([a], [b]) => a.localeCompare(b)).map(([, userId]) => userId);

    expect(ordered).toEqual(['owner', 'a-old', 'a-new', 'm-old', 'm-new']);
    expect(keys.filter(([key]) => key >= SUCCESSOR_SENIORITY_FROM).map(([, id]) => id)).not.toContain(
      'owner',
    );
  });

  it('shows a member without internal attributes', () => {
    expect(toMember(aMember({ roomKind: 'dm' }))).toEqual({
      roomId: 'room-1',
      userId: 'user-alice',
      username: 'alice',
      role: 'member',
      joinedAt: '2025-01-15T10:00:00.000Z',
    });
  });
});
