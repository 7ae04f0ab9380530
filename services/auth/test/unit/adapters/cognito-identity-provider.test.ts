import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoIdentityProvider } from '../../../src/adapters/cognito-identity-provider';
import {
  AccountNotConfirmedError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  RegistrationRefusedError,
  UsernameTakenError,
  WeakPasswordError,
} from '../../../src/domain/errors';

const pool = { userPoolId: 'us-east-1_Pool', clientId: 'client-1' };

function cognitoError(name: string): Error {
  return Object.assign(new Error(`${name} from Cognito`), { name });
}

/** A Cognito client double: records each command's name and input, answers or throws what it is told. */
function aClient(answer: (command: string, input: Record<string, unknown>) => unknown) {
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      sent.push({ command: command.constructor.name, input: command.input });
      const result = answer(command.constructor.name, command.input);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as CognitoIdentityProviderClient;
  return { client, sent };
}

const jwt = (payload: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
const accessToken = jwt({
  sub: 'sub-1',
  iat: 1000,
  exp: 4600,
  jti: 'jti-1',
  auth_time: 1000,
  username: 'alice',
});

describe('cognitoIdentityProvider', () => {
  it('signs up with the e-mail attribute and answers the sub', async () => {
    const { client, sent } = aClient(() => ({ UserSub: 'sub-1', UserConfirmed: false }));

    await expect(
      cognitoIdentityProvider(client, pool).signUp({
        username: 'alice',
        email: 'a@b.c',
        password: 'Passw0rdX',
      }),
    ).resolves.toEqual({ userId: 'sub-1', confirmed: false });
    expect(sent[0]).toEqual({
      command: 'SignUpCommand',
      input: {
        ClientId: 'client-1',
        Username: 'alice',
        Password: 'Passw0rdX',
        UserAttributes: [{ Name: 'email', Value: 'a@b.c' }],
      },
    });
  });

  it.each([
    ['UsernameExistsException', UsernameTakenError],
    ['InvalidPasswordException', WeakPasswordError],
    ['InvalidParameterException', RegistrationRefusedError],
  ])('translates a sign-up %s', async (name, expected) => {
    const { client } = aClient(() => cognitoError(name));

    await expect(
      cognitoIdentityProvider(client, pool).signUp({ username: 'a', email: 'a@b.c', password: 'p' }),
    ).rejects.toBeInstanceOf(expected);
  });

  it('logs in with USER_PASSWORD_AUTH and reads the session from the access token', async () => {
    const { client, sent } = aClient(() => ({
      AuthenticationResult: { AccessToken: accessToken, IdToken: 'id', RefreshToken: 'refresh' },
    }));

    const tokens = await cognitoIdentityProvider(client, pool).passwordLogin('alice', 'pw');

    expect(sent[0]?.input).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client-1',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' },
    });
    expect(tokens).toEqual({
      accessToken,
      idToken: 'id',
      refreshToken: 'refresh',
      expiresIn: 3600,
      session: { userId: 'sub-1', authTime: 1000, sessionKey: 'jti-1' },
    });
  });

  it.each(['NotAuthorizedException', 'UserNotFoundException', 'InvalidPasswordException'])(
    'answers a login %s as invalid credentials',
    async (name) => {
      const { client } = aClient(() => cognitoError(name));

      await expect(cognitoIdentityProvider(client, pool).passwordLogin('a', 'p')).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    },
  );

  it('answers an unconfirmed account as such', async () => {
    const { client } = aClient(() => cognitoError('UserNotConfirmedException'));

    await expect(cognitoIdentityProvider(client, pool).passwordLogin('a', 'p')).rejects.toBeInstanceOf(
      AccountNotConfirmedError,
    );
  });

  it('lets an unexpected failure through as a fault', async () => {
    const { client } = aClient(() => cognitoError('InternalErrorException'));

    const failure = cognitoIdentityProvider(client, pool).passwordLogin('a', 'p');

    await expect(failure).rejects.toThrow('InternalErrorException from Cognito');
    await expect(failure).rejects.not.toBeInstanceOf(InvalidCredentialsError);
  });

  it('refreshes with REFRESH_TOKEN_AUTH and refuses a token the pool refuses', async () => {
    const refreshing = aClient(() => ({ AuthenticationResult: { AccessToken: accessToken, IdToken: 'id' } }));
    const refusing = aClient(() => cognitoError('NotAuthorizedException'));

    await expect(cognitoIdentityProvider(refreshing.client, pool).refresh('r')).resolves.toMatchObject({
      accessToken,
      expiresIn: 3600,
    });
    expect(refreshing.sent[0]?.input).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'r' },
    });
    await expect(cognitoIdentityProvider(refusing.client, pool).refresh('r')).rejects.toBeInstanceOf(
      InvalidRefreshTokenError,
    );
  });

  it.each(['CodeMismatchException', 'ExpiredCodeException', 'UserNotFoundException'])(
    'answers a confirmation %s as an invalid code',
    async (name) => {
      const { client } = aClient(() => cognitoError(name));

      await expect(cognitoIdentityProvider(client, pool).confirmSignUp('a', '1')).rejects.toBeInstanceOf(
        InvalidConfirmationCodeError,
      );
    },
  );

  it('revokes a refresh token for the app client', async () => {
    const { client, sent } = aClient(() => ({}));

    await cognitoIdentityProvider(client, pool).revokeRefreshToken('r');

    expect(sent[0]).toEqual({ command: 'RevokeTokenCommand', input: { ClientId: 'client-1', Token: 'r' } });
  });
});
