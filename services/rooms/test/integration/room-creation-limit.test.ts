import { as, createRoom, signedInUser, type ErrorBody, type RoomBody } from '@chat/testing';

// The room creation limit (API.md "Safety") at its contract default: 10 per minute per user.

describe('POST /rooms rate limit', () => {
  it('refuses the 11th room of a user within a minute with 429 and Retry-After, not another user’s', async () => {
    const [alice, bob] = await Promise.all([signedInUser(), signedInUser()]);
    await Promise.all(Array.from({ length: 10 }, () => createRoom(alice)));

    const eleventh = await as(alice).post<ErrorBody>('/rooms', {
      name: 'one too many',
      visibility: 'public',
    });
    const bobs = await as(bob).post<RoomBody>('/rooms', { name: 'mine', visibility: 'public' });

    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(bobs.status).toBe(201);
  });
});
