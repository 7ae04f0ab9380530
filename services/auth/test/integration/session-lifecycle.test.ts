import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  api,
  busEvents,
  eventually,
  localStack,
  loginUser,
  registerUser,
  signedInUser,
  type ErrorBody,
} from '@chat/testing';

// Each test drives several real requests through the local stack (cold functions start in a few seconds).

interface User {
  userId: string;
  username: string;
  displayName: string;
  createdAt: string;
}

interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

/** The logout is seen by every verifier within a second (their revocation cache): poll briefly. */
function refusedSoon(method: string, path: string, token: string, body?: unknown) {
  return eventually(
    async () => {
      const response = await api<ErrorBody>(method, path, { token, body });
      if (response.status !== 401) throw new Error(`${method} ${path} still answers ${response.status}`);
      return response;
    },
    { timeoutMs: 3_000, what: `${method} ${path} to refuse the token` },
  );
}

describe('a session: register, log in, use, refresh, log out', () => {
  it('goes from registration to a refused token after logout', async () => {
    const registered = await registerUser();

    const login = await api<Tokens>('POST', '/auth/login', {
      body: { username: registered.username, password: registered.password },
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    const { accessToken, refreshToken } = login.body;

    const me = await api<User>('GET', '/users/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      userId: registered.userId,
      username: registered.username,
      displayName: registered.username,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    const patched = await api<User>('PATCH', '/users/me', {
      token: accessToken,
      body: { displayName: '  Alice Example  ' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...me.body, displayName: 'Alice Example' });
    expect((await api<User>('GET', '/users/me', { token: accessToken })).body.displayName).toBe(
      'Alice Example',
    );

    const refreshed = await api<Omit<Tokens, 'refreshToken'>>('POST', '/auth/refresh', {
      body: { refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    const refreshedAccessToken = refreshed.body.accessToken;
    expect((await api('GET', '/users/me', { token: refreshedAccessToken })).status).toBe(200);

    const logout = await api('POST', '/auth/logout', { token: accessToken });
    expect(logout.status).toBe(204);
    expect(logout.body).toBeUndefined();

    for (const token of [accessToken, refreshedAccessToken]) {
      const refused = await refusedSoon('GET', '/users/me', token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
      expect((await refusedSoon('PATCH', '/users/me', token, { displayName: 'x' })).status).toBe(401);
      expect((await refusedSoon('GET', '/users?prefix=a', token)).status).toBe(401);
      expect((await refusedSoon('POST', '/auth/logout', token)).status).toBe(401);
    }
    const refusedRefresh = await api<ErrorBody>('POST', '/auth/refresh', { body: { refreshToken } });
    expect(refusedRefresh.status).toBe(401);
    expect(refusedRefresh.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The refresh token is not valid',
    });
  });

  it('lets the user log in again right after a logout, with tokens that work and refresh', async () => {
    const user = await signedInUser();
    expect((await api('POST', '/auth/logout', { token: user.accessToken })).status).toBe(204);

    const again = await loginUser(user);

    expect((await api('GET', '/users/me', { token: again.accessToken })).status).toBe(200);
    const refreshed = await api<Tokens>('POST', '/auth/refresh', {
      body: { refreshToken: again.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect((await api('GET', '/users/me', { token: refreshed.body.accessToken })).status).toBe(200);
    expect((await refusedSoon('GET', '/users/me', user.accessToken)).status).toBe(401);
  });

  it('logs out every session of the user, not only the one that asked', async () => {
    const user = await signedInUser();
    const otherDevice = await loginUser(user);

    expect((await api('POST', '/auth/logout', { token: user.accessToken })).status).toBe(204);

    expect((await refusedSoon('GET', '/users/me', otherDevice.accessToken)).status).toBe(401);
    const refresh = await api('POST', '/auth/refresh', { body: { refreshToken: otherDevice.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it('leaves the sessions of other users alone', async () => {
    const [leaving, staying] = await Promise.all([signedInUser(), signedInUser()]);

    expect((await api('POST', '/auth/logout', { token: leaving.accessToken })).status).toBe(204);

    expect((await refusedSoon('GET', '/users/me', leaving.accessToken)).status).toBe(401);
    expect((await api('GET', '/users/me', { token: staying.accessToken })).status).toBe(200);
  });

  it('revokes a refresh token sent to /auth/logout in the user pool itself', async () => {
    const user = await signedInUser();
    const { cognito, region, userPoolClientId } = localStack();

    const logout = await api('POST', '/auth/logout', {
      token: user.accessToken,
      body: { refreshToken: user.refreshToken },
    });
    expect(logout.status).toBe(204);

    const client = new CognitoIdentityProviderClient({
      endpoint: cognito,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await expect(
        client.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: userPoolClientId,
            AuthParameters: { REFRESH_TOKEN: user.refreshToken },
          }),
        ),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    } finally {
      client.destroy();
    }
  });

  it('refuses a refresh token it never issued', async () => {
    const response = await api<ErrorBody>('POST', '/auth/refresh', {
      body: { refreshToken: 'not-a-refresh-token' },
    });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('publishes UserLoggedOut on the event bus', async () => {
    const user = await signedInUser();
    expect((await api('POST', '/auth/logout', { token: user.accessToken })).status).toBe(204);

    const published = await eventually(
      async () => {
        const events = await loggedOutEventsOf(user.userId);
        return events.length > 0 ? events : undefined;
      },
      { what: `UserLoggedOut of ${user.userId}` },
    );

    expect(published).toEqual([
      {
        metadata: expect.objectContaining({
          eventType: 'UserLoggedOut',
          producer: 'auth.publish-logout-events',
        }),
        data: { userId: user.userId, revokedBefore: expect.any(String) },
      },
    ]);
  });
});

async function loggedOutEventsOf(userId: string) {
  return (await busEvents('UserLoggedOut'))
    .map((item) => item.event.detail)
    .filter((detail) => detail.data.userId === userId);
}
