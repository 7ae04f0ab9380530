import { api, registerUser, signedInUser, uniqueUsername, type ErrorBody } from '@chat/testing';

// Each test drives several real requests through the local stack (cold functions start in a few seconds).

interface User {
  userId: string;
  username: string;
  displayName: string;
  createdAt: string;
}

describe('PATCH /users/me', () => {
  it.each([
    ['an empty display name', { displayName: '   ' }, 'displayName'],
    ['a display name that is too long', { displayName: 'x'.repeat(65) }, 'displayName'],
    ['a control character', { displayName: 'a\u0007b' }, 'displayName'],
    ['an unknown field', { displayName: 'ok', username: 'hijack' }, 'username'],
  ])('answers 400 naming the field for %s', async (_, body, field) => {
    const user = await signedInUser();

    const response = await api<ErrorBody>('PATCH', '/users/me', { token: user.accessToken, body });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((d) => d.field)).toEqual([field]);
  });
});

describe('GET /users?prefix=', () => {
  it('finds users by username prefix, in username order, up to the limit', async () => {
    const prefix = uniqueUsername('pfx').slice(0, 20);
    const [carol, alice, bob] = await Promise.all(
      ['carol', 'alice', 'bob'].map((name) => registerUser({ username: `${prefix}${name}` })),
    );
    const caller = await signedInUser();

    const all = await api<{ items: User[] }>('GET', `/users?prefix=${prefix.toUpperCase()}`, {
      token: caller.accessToken,
    });
    const firstTwo = await api<{ items: User[] }>('GET', `/users?prefix=${prefix}&limit=2`, {
      token: caller.accessToken,
    });

    expect(all.status).toBe(200);
    expect(all.body.items.map((u) => u.username)).toEqual([alice, bob, carol].map((u) => u?.username));
    expect(all.body.items[0]).toEqual({
      userId: alice?.userId,
      username: alice?.username,
      displayName: alice?.username,
      createdAt: expect.any(String),
    });
    expect(firstTwo.body.items.map((u) => u.username)).toEqual([alice, bob].map((u) => u?.username));
  });

  it.each([
    ['no prefix', '/users', 'prefix'],
    ['a prefix with a space', '/users?prefix=a%20b', 'prefix'],
    ['a limit over 100', '/users?prefix=a&limit=101', 'limit'],
  ])('answers 400 for %s', async (_, path, field) => {
    const caller = await signedInUser();

    const response = await api<ErrorBody>('GET', path, { token: caller.accessToken });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((d) => d.field)).toEqual([field]);
  });

  it('requires a caller', async () => {
    expect((await api('GET', '/users?prefix=a')).status).toBe(401);
  });
});
