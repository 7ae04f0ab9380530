import {
  api,
  busEvents,
  eventually,
  registerUser,
  TEST_PASSWORD,
  uniqueUsername,
  type ErrorBody,
} from '@chat/testing';

// Each test drives several real requests through the local stack (cold functions start in a few seconds).

function aRegistration(overrides: Record<string, unknown> = {}) {
  const username = uniqueUsername('reg');
  return { username, email: `${username}@example.com`, password: TEST_PASSWORD, ...overrides };
}

describe('POST /auth/register', () => {
  it('creates the user with a lower-cased username and answers 201 {userId, username}', async () => {
    const registration = aRegistration();

    const response = await api('POST', '/auth/register', {
      body: { ...registration, username: registration.username.toUpperCase() },
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ userId: expect.any(String), username: registration.username });
  });

  it('publishes UserRegistered with the userId, username and e-mail address', async () => {
    const user = await registerUser();

    const events = await eventually(
      async () => {
        const found = (await busEvents('UserRegistered'))
          .filter((item) => item.event.detail.data.userId === user.userId)
          .map((item) => item.event);
        return found.length > 0 ? found : undefined;
      },
      { what: `UserRegistered of ${user.userId}` },
    );

    expect(events).toEqual([
      expect.objectContaining({
        source: 'chat.auth',
        'detail-type': 'UserRegistered',
        detail: {
          metadata: expect.objectContaining({ eventType: 'UserRegistered', version: 1 }),
          data: { userId: user.userId, username: user.username, email: user.email },
        },
      }),
    ]);
  });

  it('answers 409 for a username already taken, in any case', async () => {
    const existing = await registerUser();

    const response = await api<ErrorBody>('POST', '/auth/register', {
      body: aRegistration({ username: existing.username.toUpperCase() }),
    });

    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({ code: 'CONFLICT', message: 'The username is already taken' });
  });

  it('answers 409 for an e-mail address already registered, in any case', async () => {
    const existing = await registerUser();

    const response = await api<ErrorBody>('POST', '/auth/register', {
      body: aRegistration({ email: existing.email.toUpperCase() }),
    });

    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({
      code: 'CONFLICT',
      message: 'The e-mail address is already registered',
    });
  });

  it('lets exactly one of two simultaneous registrations of the same username through', async () => {
    const username = uniqueUsername('race');

    const responses = await Promise.all([
      api('POST', '/auth/register', { body: aRegistration({ username }) }),
      api('POST', '/auth/register', {
        body: aRegistration({ username, email: `other-${username}@example.com` }),
      }),
    ]);

    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('frees the e-mail address of a registration refused for its username', async () => {
    const existing = await registerUser();
    const email = `${uniqueUsername('free')}@example.com`;

    const refused = await api('POST', '/auth/register', {
      body: aRegistration({ username: existing.username, email }),
    });
    const accepted = await api('POST', '/auth/register', { body: aRegistration({ email }) });

    expect(refused.status).toBe(409);
    expect(accepted.status).toBe(201);
  });

  it.each([
    ['a username that is too short', { username: 'ab' }, 'username'],
    ['a username with a space', { username: 'has space' }, 'username'],
    ['a username that is too long', { username: 'a'.repeat(33) }, 'username'],
    ['an invalid e-mail address', { email: 'not-an-email' }, 'email'],
    ['a missing e-mail address', { email: undefined }, 'email'],
  ])('answers 400 naming the field for %s', async (_, overrides, field) => {
    const response = await api<ErrorBody>('POST', '/auth/register', {
      body: aRegistration(overrides),
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details?.map((d) => d.field)).toEqual([field]);
  });

  it('answers 400 with one detail per broken password rule', async () => {
    const response = await api<ErrorBody>('POST', '/auth/register', {
      body: aRegistration({ password: 'short' }),
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { field: 'password', message: 'must be at least 8 characters long' },
      { field: 'password', message: 'must contain an upper-case letter' },
      { field: 'password', message: 'must contain a digit' },
    ]);
  });

  it('answers 400 BAD_JSON for a body that is not JSON', async () => {
    const response = await api<ErrorBody>('POST', '/auth/register', { body: '{"username":' });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_JSON');
  });

  it('does not register anything when the input is refused', async () => {
    const registration = aRegistration();

    await api('POST', '/auth/register', { body: { ...registration, password: 'weak' } });
    const retry = await api('POST', '/auth/register', { body: registration });

    expect(retry.status).toBe(201);
  });
});

describe('POST /auth/confirm', () => {
  it('answers 400 naming the code when it does not match', async () => {
    const user = await registerUser();

    const response = await api<ErrorBody>('POST', '/auth/confirm', {
      body: { username: user.username, code: '000000' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { field: 'code', message: 'is not valid for this username' },
    ]);
  });

  it('answers the same 400 for an unknown username', async () => {
    const response = await api<ErrorBody>('POST', '/auth/confirm', {
      body: { username: uniqueUsername('nobody'), code: '123456' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { field: 'code', message: 'is not valid for this username' },
    ]);
  });
});
