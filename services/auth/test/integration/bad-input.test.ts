import { api, registerUser, signedInUser, TEST_PASSWORD, type ErrorBody } from '@chat/testing';

// Auth body fields that reach the user pool or become keys (login attempts by username, sessions by a hash of
// the refresh token): input that cannot be one is a 4xx with the contract's shape, never a 500.

const USERNAME_RULE = 'must be 3 to 32 characters of a-z 0-9 _ . -';

function expectInvalidUsername(response: { status: number; body: ErrorBody }): void {
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    error: {
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: [{ field: 'username', message: USERNAME_RULE }],
    },
  });
}

const cannotBeUsernames: [string, string][] = [
  ['a blank', ' '],
  ['a whitespace-only', '\r\n\t'],
  ['an empty', ''],
  ['a 5,000-character', 'a'.repeat(5000)],
  ['a too short', 'ab'],
  ['a non-ASCII', 'jürgen'],
];

describe('POST /auth/login with a username that cannot be a username', () => {
  it.each(cannotBeUsernames)(
    'answers %s username with 400 naming username, like register',
    async (_, username) => {
      const login = await api<ErrorBody>('POST', '/auth/login', {
        body: { username, password: TEST_PASSWORD },
      });
      const register = await api<ErrorBody>('POST', '/auth/register', {
        body: { username, email: 'someone@example.com', password: TEST_PASSWORD },
      });

      expectInvalidUsername(login);
      expect([register.status, register.body.error.details?.[0]]).toEqual([
        400,
        { field: 'username', message: USERNAME_RULE },
      ]);
    },
  );

  it('still accepts a real username with surrounding blanks and another case (normalized as before)', async () => {
    const user = await registerUser();

    const response = await api('POST', '/auth/login', {
      body: { username: ` ${user.username.toUpperCase()}\t`, password: user.password },
    });

    expect(response.status).toBe(200);
  });
});

describe('POST /auth/confirm with input that cannot be a username or a code', () => {
  it.each(cannotBeUsernames)('answers %s username with 400 naming username', async (_, username) => {
    const response = await api<ErrorBody>('POST', '/auth/confirm', { body: { username, code: '123456' } });

    expectInvalidUsername(response);
  });

  it('answers a blank or 5,000-character code with 400 naming code', async () => {
    const blank = await api<ErrorBody>('POST', '/auth/confirm', {
      body: { username: 'someone', code: ' \r\n' },
    });
    const huge = await api<ErrorBody>('POST', '/auth/confirm', {
      body: { username: 'someone', code: '1'.repeat(5000) },
    });

    for (const response of [blank, huge]) {
      expect([response.status, response.body.error.code, response.body.error.details?.[0]?.field]).toEqual([
        400,
        'VALIDATION_FAILED',
        'code',
      ]);
    }
  });
});

describe('POST /auth/refresh with a refresh token that is none', () => {
  it.each([
    ['blank', ' '],
    ['whitespace-only', '\r\n\t'],
    ['5,000-character', 'x'.repeat(5000)],
  ])('answers a %s refresh token with 401, as any unknown token', async (_, refreshToken) => {
    const response = await api<ErrorBody>('POST', '/auth/refresh', { body: { refreshToken } });

    expect([response.status, response.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('answers an empty or over-long refresh token with 400 naming refreshToken', async () => {
    const empty = await api<ErrorBody>('POST', '/auth/refresh', { body: { refreshToken: '' } });
    const tooLong = await api<ErrorBody>('POST', '/auth/refresh', {
      body: { refreshToken: 'x'.repeat(9000) },
    });

    for (const response of [empty, tooLong]) {
      expect([response.status, response.body.error.details?.[0]?.field]).toEqual([400, 'refreshToken']);
    }
  });
});

describe('POST /auth/logout with a refresh token that is none', () => {
  it.each([
    ['blank', ' '],
    ['whitespace-only', '\r\n\t'],
    ['5,000-character', 'x'.repeat(5000)],
  ])('logs out (204) and ignores a %s refresh token the pool does not know', async (_, refreshToken) => {
    const user = await signedInUser();

    const response = await api('POST', '/auth/logout', { user, body: { refreshToken } });

    expect(response.status).toBe(204);
  });
});
