import { activeMembership, isActiveMembership } from '../../src/index';

/** A membership item as rooms writes it (the attributes other services may read, and rooms' own). */
function anItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    roomId: 'room-1',
    userId: 'user-alice',
    username: 'alice',
    role: 'member',
    joinedAt: '2025-01-15T10:00:00.000Z',
    roomKind: 'room',
    seniority: '2#2025-01-15T10:00:00.000Z#user-alice',
    ...overrides,
  };
}

describe('the membership rule', () => {
  it('counts an item with a valid role and no removal marker, reading its room, user and role', () => {
    const item = anItem({ role: 'admin' });

    const membership = activeMembership(item);

    expect(membership).toEqual({ roomId: 'room-1', userId: 'user-alice', role: 'admin' });
    expect(isActiveMembership(item)).toBe(true);
  });

  it.each(['left', 'kicked'])('does not count an item marked for removal (%s)', (reason) => {
    const item = anItem({ removalId: 'removal-1', removedBy: 'user-bob', removalReason: reason });

    expect(activeMembership(item)).toBeUndefined();
    expect(isActiveMembership(item)).toBe(false);
  });

  it('does not count a missing item', () => {
    expect(activeMembership(undefined)).toBeUndefined();
    expect(isActiveMembership(undefined)).toBe(false);
  });

  it.each([
    ['an unknown role', { role: 'moderator' }],
    ['no role', { role: undefined }],
    ['no userId', { userId: undefined }],
    ['a non-string roomId', { roomId: 7 }],
  ])('does not count an item with %s', (_what, overrides) => {
    expect(isActiveMembership(anItem(overrides))).toBe(false);
  });
});
