import type { CfnResource } from '../../../libs/serverless-config/src';

/**
 * The user pool: sign-in by username (case-insensitive), e-mail required, passwords of at least 8 characters
 * with upper case, lower case and a digit. Cognito enforces e-mail uniqueness only for sign-in aliases, so the
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
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: false,
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
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  },
};

export const cognitoResources: Record<string, CfnResource> = { UserPool, UserPoolClient };
