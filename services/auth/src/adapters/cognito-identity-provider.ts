import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { tokenSessionOf } from '@chat/auth-verifier';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import {
  AccountNotConfirmedError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  RegistrationRefusedError,
  UsernameTakenError,
  WeakPasswordError,
} from '../domain/errors';
import type { IdentityProvider, IssuedTokens } from '../use-cases/ports';

export interface CognitoPoolConfig {
  userPoolId: string;
  /** The public app client (no secret): USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH. */
  clientId: string;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** Rethrows `error` as the domain error its Cognito exception name maps to, or as is. */
function translate(error: unknown, mapping: Record<string, (cause: unknown) => Error>): never {
  const name = nameOf(error);
  const toDomain = name === undefined ? undefined : mapping[name];
  throw toDomain ? toDomain(error) : error;
}

/**
 * The tokens of an authentication result, with the access token's session claims. The token comes straight
 * from Cognito over the SDK's connection, so its payload is read without verifying it again.
 */
function issuedTokens(result: AuthenticationResultType | undefined): IssuedTokens {
  if (!result?.AccessToken || !result.IdToken) throw new Error('Cognito returned no access or id token');
  const payload = decomposeUnverifiedJwt(result.AccessToken).payload;
  const lifetime =
    typeof payload.exp === 'number' && typeof payload.iat === 'number'
      ? payload.exp - payload.iat
      : undefined;
  const expiresIn = result.ExpiresIn ?? lifetime;
  if (expiresIn === undefined) throw new Error('Cognito returned an access token without exp/iat');
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    expiresIn,
    session: tokenSessionOf(payload),
  };
}

/** An admin call on a user that is already gone is done: deleting or disabling it again is a no-op. */
async function ignoringUnknownUser(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (nameOf(error) !== 'UserNotFoundException') throw error;
  }
}

const invalidCredentials = (cause: unknown) => new InvalidCredentialsError({ cause });
const invalidRefreshToken = (cause: unknown) => new InvalidRefreshTokenError({ cause });

/** The IdentityProvider on a Cognito user pool (or cognito-local, through the SDK's endpoint override). */
export function cognitoIdentityProvider(
  client: CognitoIdentityProviderClient,
  pool: CognitoPoolConfig,
): IdentityProvider {
  return {
    async signUp({ username, email, password }) {
      try {
        const result = await client.send(
          new SignUpCommand({
            ClientId: pool.clientId,
            Username: username,
            Password: password,
            UserAttributes: [{ Name: 'email', Value: email }],
          }),
        );
        if (!result.UserSub) throw new Error('Cognito SignUp returned no UserSub');
        return { userId: result.UserSub, confirmed: result.UserConfirmed === true };
      } catch (error) {
        translate(error, {
          UsernameExistsException: (cause) => new UsernameTakenError({ cause }),
          AliasExistsException: (cause) => new UsernameTakenError({ cause }),
          InvalidPasswordException: (cause) => new WeakPasswordError({ cause }),
          InvalidParameterException: (cause) => new RegistrationRefusedError({ cause }),
        });
      }
    },

    async confirmSignUpAsAdmin(username) {
      await client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: username }));
    },

    async confirmSignUp(username, code) {
      try {
        await client.send(
          new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: username, ConfirmationCode: code }),
        );
      } catch (error) {
        const invalidCode = (cause: unknown) => new InvalidConfirmationCodeError({ cause });
        translate(error, {
          CodeMismatchException: invalidCode,
          ExpiredCodeException: invalidCode,
          UserNotFoundException: invalidCode,
          NotAuthorizedException: invalidCode,
        });
      }
    },

    async deleteUser(username) {
      await ignoringUnknownUser(
        client.send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: username })),
      );
    },

    async disableUser(username) {
      await ignoringUnknownUser(
        client.send(new AdminDisableUserCommand({ UserPoolId: pool.userPoolId, Username: username })),
      );
    },

    async passwordLogin(username, password) {
      let result;
      try {
        result = await client.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: pool.clientId,
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        );
      } catch (error) {
        translate(error, {
          NotAuthorizedException: invalidCredentials,
          UserNotFoundException: invalidCredentials,
          // cognito-local answers a wrong password with InvalidPasswordException
          InvalidPasswordException: invalidCredentials,
          PasswordResetRequiredException: invalidCredentials,
          UserNotConfirmedException: (cause) => new AccountNotConfirmedError({ cause }),
        });
      }
      if (result.ChallengeName) throw new Error(`Unsupported Cognito challenge ${result.ChallengeName}`);
      const refreshToken = result.AuthenticationResult?.RefreshToken;
      if (!refreshToken) throw new Error('Cognito returned no refresh token');
      return { ...issuedTokens(result.AuthenticationResult), refreshToken };
    },

    async refresh(refreshToken) {
      try {
        const result = await client.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: pool.clientId,
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        return issuedTokens(result.AuthenticationResult);
      } catch (error) {
        translate(error, { NotAuthorizedException: invalidRefreshToken });
      }
    },

    async revokeRefreshToken(refreshToken) {
      try {
        await client.send(new RevokeTokenCommand({ ClientId: pool.clientId, Token: refreshToken }));
      } catch (error) {
        translate(error, {
          NotAuthorizedException: invalidRefreshToken,
          UnsupportedTokenTypeException: invalidRefreshToken,
        });
      }
    },
  };
}
