import { ValidationError } from '@chat/runtime';
import { getPresence } from '../../../src/use-cases/get-presence';
import { InMemoryMemberships, InMemoryPresence } from '../../support/fakes';

function world() {
  const presence = new InMemoryPresence();
  presence.states.set('alice', { status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' });
  presence.states.set('bob', { status: 'offline', lastSeenAt: '2025-01-15T09:00:00.000Z' });
  presence.states.set('mallory', { status: 'online', lastSeenAt: '2025-01-15T08:00:00.000Z' });
  const memberships = new InMemoryMemberships()
    .room('general', ['me', 'alice', 'newbie'])
    .room('dm_bob_me', ['bob', 'me'])
    .room('elsewhere', ['mallory', 'trudy']);
  return { presence, memberships };
}

describe('getPresence', () => {
  it('answers the caller and users who share a room or DM with them, in the order asked, once each', async () => {
    const result = await getPresence(world(), 'me', 'newbie,bob,alice,bob,me');

    expect(result).toEqual({
      items: [
        { userId: 'newbie', status: 'offline', lastSeenAt: null },
        { userId: 'bob', status: 'offline', lastSeenAt: '2025-01-15T09:00:00.000Z' },
        { userId: 'alice', status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' },
        { userId: 'me', status: 'offline', lastSeenAt: null },
      ],
    });
  });

  it('leaves out users who share no room with the caller, online or not, existing or not', async () => {
    const result = await getPresence(world(), 'me', 'mallory,trudy,nobody,alice');

    expect(result.items.map((item) => item.userId)).toEqual(['alice']);
  });

  it('shows nobody but the caller to a caller in no room, without reading the others’ rooms', async () => {
    const deps = world();
    const roomsOf = jest.spyOn(deps.memberships, 'roomsPage');

    const result = await getPresence(deps, 'loner', 'alice,loner');

    expect(result.items.map((item) => item.userId)).toEqual(['loner']);
    expect(roomsOf.mock.calls.map(([userId]) => userId)).toEqual(['loner']);
  });

  it('finds a shared room beyond the first page of either side’s rooms', async () => {
    const deps = world();
    for (let i = 0; i < 1_200; i += 1)
      deps.memberships.room(`r${String(i).padStart(4, '0')}`, ['me', `x${i}`]);
    for (let i = 0; i < 700; i += 1) deps.memberships.room(`s${String(i).padStart(4, '0')}`, ['far']);
    deps.memberships.room('zz-last', ['me', 'far']);

    const result = await getPresence(deps, 'me', 'far');

    expect(result.items.map((item) => item.userId)).toEqual(['far']);
  });

  it('refuses a missing or too long list with a validation error on userIds', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');

    await expect(getPresence(world(), 'me', undefined)).rejects.toBeInstanceOf(ValidationError);
    await expect(getPresence(world(), 'me', many)).rejects.toMatchObject({
      details: [{ field: 'userIds', message: 'At most 100 user ids' }],
    });
  });
});
