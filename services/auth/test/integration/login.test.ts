import { api, registerUser, TEST_PASSWORD, uniqueUsername, type ErrorBody } from '@chat/testing';

// Each test drives several real requests through the local stack (cold functions start in a few seconds).

const MAX_FAILURES = 5; // LOGIN_MAX_FAILURES in serverless.ts
const WINDOW_SECONDS = 900; // LOGIN_FAILURE_WINDOW_SECONDS

const login = (username: string, password: string) =>
  api<ErrorBody>('POST', '/auth/login', { body: { username, password } });

describe('POST /auth/login', () => {
  it('accepts the username in any case', async () => {
    const user = await registerUser();

    const response = await login(user.username.toUpperCase(), user.password);

    expect(response.status).toBe(200);
  });

  it('answers an unknown user and a wrong password with the same 401 and message', async () => {
    const user = await registerUser();

    const wrongPassword = await login(user.username, 'Wrong-Password-1');
    const unknownUser = await login(uniqueUsername('ghost'), TEST_PASSWORD);

    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'The username or password is incorrect' },
    });
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });

  it('throttles a username after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const user = await registerUser();
    const bystander = await registerUser();

    for (let attempt = 1; attempt <= MAX_FAILURES; attempt += 1) {
      expect((await login(user.username, `Wrong-Password-${attempt}`)).status).toBe(401);
    }
    const throttled = await login(user.username, 'Wrong-Password-x');
    const rightPassword = await login(user.username, user.password);

    for (const response of [throttled, rightPassword]) {
      expect(response.status).toBe(429);
      expect(response.body.error.code).toBe('RATE_LIMITED');
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    }
    expect((await login(bystander.username, bystander.password)).status).toBe(200);
  });

  it('throttles guesses at an unknown username the same way', async () => {
    const ghost = uniqueUsername('ghost');

    for (let attempt = 1; attempt <= MAX_FAILURES; attempt += 1) {
      expect((await login(ghost, `Wrong-Password-${attempt}`)).status).toBe(401);
    }

    expect((await login(ghost, 'Wrong-Password-x')).status).toBe(429);
  });

  it('clears the count of failures on a successful login', async () => {
    const user = await registerUser();
    for (let attempt = 1; attempt < MAX_FAILURES; attempt += 1) {
      expect((await login(user.username, `Wrong-Password-${attempt}`)).status).toBe(401);
    }

    expect((await login(user.username, user.password)).status).toBe(200);

    for (let attempt = 1; attempt < MAX_FAILURES; attempt += 1) {
      expect((await login(user.username, `Wrong-Password-${attempt}`)).status).toBe(401);
    }
    expect((await login(user.username, user.password)).status).toBe(200);
  });

  it('answers 400 naming the missing fields', async () => {
    const response = await api<ErrorBody>('POST', '/auth/login', { body: {} });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((d) => d.field).sort()).toEqual(['password', 'username']);
  });
});
