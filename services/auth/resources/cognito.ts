import type { CfnResource } from '../../../libs/serverless-config/src';
import { PASSWORD_POLICY } from '../src/domain/password-policy';
import { ACCESS_TOKEN_MINUTES, ID_TOKEN_MINUTES, REFRESH_TOKEN_DAYS } from '../src/domain/token-lifetimes';

/**
 * The user pool: sign-in by username (case-insensitive), e-mail required, passwords of at least 8 characters
 * with upper case, lower case and a digit (PASSWORD_POLICY, which registration also checks itself). Cognito enforces e-mail uniqueness only for sign-in aliases, so the
 * auth service enforces it itself at registration.
 */
const UserPool: CfnResource = {
  Type: 'AWS::Cognito::UserPool',
  Properties: {
    UserPoolName: '${self:service}-${sls:stage}',
    UsernameConfiguration: { CaseSensitive: false },
    Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
    AutoVerifiedAttributes: ['email'],
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    Policies: {
      PasswordPolicy: {
        MinimumLength: PASSWORD_POLICY.minimumLength,
        RequireUppercase: PASSWORD_POLICY.requireUppercase,
        RequireLowercase: PASSWORD_POLICY.requireLowercase,
        RequireNumbers: PASSWORD_POLICY.requireNumbers,
        RequireSymbols: PASSWORD_POLICY.requireSymbols,
        TemporaryPasswordValidityDays: 7,
      },
    },
  },
};

/** The public app client: no secret, username/password and refresh-token flows, revocable tokens. */
const UserPoolClient: CfnResource = {
  Type: 'AWS::Cognito::UserPoolClient',
  Properties: {
    ClientName: '${self:service}-${sls:stage}-public',
    UserPoolId: { Ref: 'UserPool' },
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    EnableTokenRevocation: true,
    PreventUserExistenceErrors: 'ENABLED',
    AccessTokenValidity: ACCESS_TOKEN_MINUTES,
    IdTokenValidity: ID_TOKEN_MINUTES,
    RefreshTokenValidity: REFRESH_TOKEN_DAYS,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  },
};

export const cognitoResources: Record<string, CfnResource> = { UserPool, UserPoolClient };
