import { getProfile, searchUsers, updateProfile } from '../../../src/use-cases/profiles';
import { ProfileNotFoundError } from '../../../src/domain/errors';
import { anInMemoryUserStore } from '../../support/fakes';

function aStoreWith(...usernames: string[]) {
  const store = anInMemoryUserStore();
  for (const username of usernames) {
    store.users.set(`sub-${username}`, {
      userId: `sub-${username}`,
      username,
      displayName: username,
      email: `${username}@example.com`,
      createdAt: '2025-01-15T10:00:00.000Z',
    });
  }
  return store;
}

describe('getProfile', () => {
  it('answers the public profile, without the e-mail address', async () => {
    const { profiles } = aStoreWith('alice');

    await expect(getProfile({ profiles }, 'sub-alice')).resolves.toEqual({
      userId: 'sub-alice',
      username: 'alice',
      displayName: 'alice',
      createdAt: '2025-01-15T10:00:00.000Z',
    });
  });

  it('answers not found for a user without a profile', async () => {
    const { profiles } = aStoreWith();

    await expect(getProfile({ profiles }, 'sub-ghost')).rejects.toBeInstanceOf(ProfileNotFoundError);
  });
});

describe('updateProfile', () => {
  it('changes the display name and answers the profile', async () => {
    const { profiles } = aStoreWith('alice');

    await expect(updateProfile({ profiles }, 'sub-alice', { displayName: 'Alice' })).resolves.toMatchObject({
      displayName: 'Alice',
      username: 'alice',
    });
  });

  it('answers not found for a user without a profile', async () => {
    const { profiles } = aStoreWith();

    await expect(updateProfile({ profiles }, 'sub-ghost', { displayName: 'x' })).rejects.toBeInstanceOf(
      ProfileNotFoundError,
    );
  });
});

describe('searchUsers', () => {
  it('answers the matching public profiles as items', async () => {
    const { profiles } = aStoreWith('bob', 'alice', 'albert');

    const result = await searchUsers({ profiles }, { prefix: 'al', limit: 10 });

    expect(result.items.map((user) => user.username)).toEqual(['albert', 'alice']);
    expect(result.items[0]).not.toHaveProperty('email');
  });
});
