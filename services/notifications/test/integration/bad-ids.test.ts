import { api, signedInUser, type ErrorBody } from '@chat/testing';

// Room ids in a body become keys of the preferences item's set: one that cannot be an id (5,000 characters,
// over DynamoDB's 2,048-byte key limit) is the contract's 400 naming it, never a 500.

describe('notifications routes with ids that cannot be ids', () => {
  it('answers a 5,000-character muted room id with 400 naming it, and keeps the stored preferences', async () => {
    const user = await signedInUser();

    const response = await api<ErrorBody>('PUT', '/notifications/preferences', {
      user,
      body: { email: false, push: true, mutedRoomIds: ['x'.repeat(5000)] },
    });
    const stored = await api('GET', '/notifications/preferences', { user });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [{ field: 'mutedRoomIds.0', message: 'Must be a room id' }],
      },
    });
    expect(stored.body).toMatchObject({ email: true, push: true, mutedRoomIds: [] });
  });
});
