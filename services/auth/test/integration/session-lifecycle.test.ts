import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localStack } from '../../../../tools/local/test/support/local-stack';
import { loginUser, registerUser, signedInUser } from '../../../../tools/local/test/support/users';
import { call, eventually, type ApiResponse, type ErrorResponseBody } from '../support/api';

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

const isUnauthenticated = (response: ApiResponse) => response.status === 401;

/** The logout is seen by every verifier within a second (their revocation cache): poll briefly. */
function refusedSoon(method: string, path: string, token: string, body?: unknown) {
  return eventually(() => call<ErrorResponseBody>(method, path, { token, body }), isUnauthenticated, 3_000);
}

describe('a session: register, log in, use, refresh, log out', () => {
  it('goes from registration to a refused token after logout', async () => {
    const registered = await registerUser();

    const login = await call<Tokens>('POST', '/auth/login', {
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

    const me = await call<User>('GET', '/users/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      userId: registered.userId,
      username: registered.username,
      displayName: registered.username,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    const patched = await call<User>('PATCH', '/users/me', {
      token: accessToken,
      body: { displayName: '  Alice Example  ' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...me.body, displayName: 'Alice Example' });
    expect((await call<User>('GET', '/users/me', { token: accessToken })).body.displayName).toBe(
      'Alice Example',
    );

    const refreshed = await call<Omit<Tokens, 'refreshToken'>>('POST', '/auth/refresh', {
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
    expect((await call('GET', '/users/me', { token: refreshedAccessToken })).status).toBe(200);

    const logout = await call('POST', '/auth/logout', { token: accessToken });
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
    const refusedRefresh = await call<ErrorResponseBody>('POST', '/auth/refresh', { body: { refreshToken } });
    expect(refusedRefresh.status).toBe(401);
    expect(refusedRefresh.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The refresh token is not valid',
    });
  });

  it('lets the user log in again right after a logout, with tokens that work and refresh', async () => {
    const user = await signedInUser();
    expect((await call('POST', '/auth/logout', { token: user.accessToken })).status).toBe(204);

    const again = await loginUser(user);

    expect((await call('GET', '/users/me', { token: again.accessToken })).status).toBe(200);
    const refreshed = await call<Tokens>('POST', '/auth/refresh', {
      body: { refreshToken: again.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect((await call('GET', '/users/me', { token: refreshed.body.accessToken })).status).toBe(200);
    expect((await refusedSoon('GET', '/users/me', user.accessToken)).status).toBe(401);
  });

  it('logs out every session of the user, not only the one that asked', async () => {
    const user = await signedInUser();
    const otherDevice = await loginUser(user);

    expect((await call('POST', '/auth/logout', { token: user.accessToken })).status).toBe(204);

    expect((await refusedSoon('GET', '/users/me', otherDevice.accessToken)).status).toBe(401);
    const refresh = await call('POST', '/auth/refresh', { body: { refreshToken: otherDevice.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it('leaves the sessions of other users alone', async () => {
    const [leaving, staying] = await Promise.all([signedInUser(), signedInUser()]);

    expect((await call('POST', '/auth/logout', { token: leaving.accessToken })).status).toBe(204);

    expect((await refusedSoon('GET', '/users/me', leaving.accessToken)).status).toBe(401);
    expect((await call('GET', '/users/me', { token: staying.accessToken })).status).toBe(200);
  });

  it('revokes a refresh token sent to /auth/logout in the user pool itself', async () => {
    const user = await signedInUser();
    const { cognito, region, userPoolClientId } = localStack();

    const logout = await call('POST', '/auth/logout', {
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
    const response = await call<ErrorResponseBody>('POST', '/auth/refresh', {
      body: { refreshToken: 'not-a-refresh-token' },
    });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('publishes UserLoggedOut on the event bus', async () => {
    const user = await signedInUser();
    expect((await call('POST', '/auth/logout', { token: user.accessToken })).status).toBe(204);

    const published = await eventually(
      () => loggedOutEventsOf(user.userId),
      (events) => events.length > 0,
      10_000,
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

async function loggedOutEventsOf(userId: string): Promise<{ data: { userId: string } }[]> {
  const response = await fetch(`${localStack().eventBridge}/_local/events?detailType=UserLoggedOut`);
  const { items } = (await response.json()) as {
    items: { event: { detail: { data: { userId: string } } } }[];
  };
  return items.map((item) => item.event.detail).filter((detail) => detail.data.userId === userId);
}
