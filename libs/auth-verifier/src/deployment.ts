import type { CfnValue, IamStatement } from '@chat/serverless-config';

/**
 * What a function that verifies access tokens needs from its serverless.ts. Kept free of runtime imports, so
 * a serverless.ts can import it (`../../libs/auth-verifier/src/deployment`) without loading the verifier.
 */

/** The environment variables the verifier reads. */
export const VERIFIER_ENV = {
  userPoolId: 'USER_POOL_ID',
  userPoolClientId: 'USER_POOL_CLIENT_ID',
  revocationsTable: 'REVOCATIONS_TABLE',
} as const;

/** The auth service's revocations table of a stage, as CloudFormation resolves it in any service's stack. */
export const REVOCATIONS_TABLE_NAME = 'chat-auth-${sls:stage}-revocations';

export interface TokenVerifierAccessOptions {
  /** Default `${param:userPoolId}` (the compose param of every service that attaches to chat-auth). */
  userPoolId?: CfnValue;
  /** Default `${param:userPoolClientId}`. */
  userPoolClientId?: CfnValue;
  /**
   * The revocations table, by name and ARN. Default: chat-auth's table of the same stage
   * (`chat-auth-<stage>-revocations` in this account and region). chat-auth passes its own resource.
   */
  revocationsTable?: { name: CfnValue; arn: CfnValue };
}

export interface TokenVerifierAccess {
  environment: Record<string, CfnValue>;
  /** `dynamodb:GetItem` on the revocations table, nothing else (the JWKS is public). */
  statements: IamStatement[];
}

/**
 * The environment and the least-privilege IAM statement of a function that verifies access tokens. Spread them
 * into its `withOwnRoles` spec: `{ handler, events, environment: { ...v.environment }, statements: [...v.statements] }`.
 * The cross-service read is decision record docs/decisions/002-token-revocation.md.
 */
export function tokenVerifierAccess(options: TokenVerifierAccessOptions = {}): TokenVerifierAccess {
  const table = options.revocationsTable ?? {
    name: REVOCATIONS_TABLE_NAME,
    arn: {
      'Fn::Sub': `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${REVOCATIONS_TABLE_NAME}`,
    },
  };
  return {
    environment: {
      [VERIFIER_ENV.userPoolId]: options.userPoolId ?? '${param:userPoolId}',
      [VERIFIER_ENV.userPoolClientId]: options.userPoolClientId ?? '${param:userPoolClientId}',
      [VERIFIER_ENV.revocationsTable]: table.name,
    },
    statements: [{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table.arn] }],
  };
}
