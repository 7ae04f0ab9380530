import { logGroupLogicalId, roleLogicalId } from './names';
import type { AwsFunction, AwsFunctions, CfnResource, CfnValue, IamStatement } from './types';

export function allow(actions: string[], resources: CfnValue[]): IamStatement {
  return { Effect: 'Allow', Action: actions, Resource: resources };
}

/** Writing to the function's own log group only (the framework creates the group). */
export function ownLogsStatement(functionKey: string): IamStatement {
  return allow(
    ['logs:CreateLogStream', 'logs:PutLogEvents'],
    [{ 'Fn::GetAtt': [logGroupLogicalId(functionKey), 'Arn'] }],
  );
}

/**
 * The IAM role of one function: assumable by Lambda, allowed to write its own logs plus `statements`.
 * Returned keyed by its logical id (`<Function>Role`), ready to spread into `resources.Resources`.
 */
export function functionRole(functionKey: string, statements: IamStatement[]): Record<string, CfnResource> {
  return {
    [roleLogicalId(functionKey)]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
          ],
        },
        Policies: [
          {
            PolicyName: functionKey,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [ownLogsStatement(functionKey), ...statements],
            },
          },
        ],
      },
    },
  };
}

/** A function definition plus the IAM statements its own role grants (besides its logs). */
export type FunctionSpec = Omit<AwsFunction, 'role'> & { statements?: IamStatement[] };

/**
 * Gives every function its own least-privilege role (osls v3 has no per-function roles): returns the
 * functions with `role` set, and the role resources to add to `resources.Resources`.
 */
export function withOwnRoles(specs: Record<string, FunctionSpec>): {
  functions: AwsFunctions;
  roles: Record<string, CfnResource>;
} {
  const functions: AwsFunctions = {};
  let roles: Record<string, CfnResource> = {};
  for (const [key, { statements = [], ...definition }] of Object.entries(specs)) {
    functions[key] = { ...definition, role: roleLogicalId(key) };
    roles = { ...roles, ...functionRole(key, statements) };
  }
  return { functions, roles };
}
