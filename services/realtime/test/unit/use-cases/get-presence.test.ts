import { ValidationError } from '@chat/runtime';
import { getPresence } from '../../../src/use-cases/get-presence';
import { InMemoryPresence } from '../../support/fakes';

describe('getPresence', () => {
  it('answers each asked user in order: known ones as stored, unknown ones offline with lastSeenAt null', async () => {
    const presence = new InMemoryPresence();
    presence.states.set('alice', { status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' });
    presence.states.set('bob', { status: 'offline', lastSeenAt: '2025-01-15T09:00:00.000Z' });

    const result = await getPresence({ presence }, 'nobody,bob,alice,bob');

    expect(result).toEqual({
      items: [
        { userId: 'nobody', status: 'offline', lastSeenAt: null },
        { userId: 'bob', status: 'offline', lastSeenAt: '2025-01-15T09:00:00.000Z' },
        { userId: 'alice', status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' },
      ],
    });
  });

  it('refuses a missing or too long list with a validation error on userIds', async () => {
    const presence = new InMemoryPresence();
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');

    await expect(getPresence({ presence }, undefined)).rejects.toBeInstanceOf(ValidationError);
    await expect(getPresence({ presence }, many)).rejects.toMatchObject({
      details: [{ field: 'userIds', message: 'At most 100 user ids' }],
    });
  });
});
