import type { AWS } from '@serverless/typescript';

/** A CloudFormation value: a literal or an intrinsic function (`{ Ref }`, `{ 'Fn::GetAtt' }`, `{ 'Fn::Sub' }`…). */
export type CfnValue = string | Record<string, unknown>;

export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface IamStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: CfnValue[];
}

export type AwsProvider = AWS['provider'];
export type AwsFunction = NonNullable<AWS['functions']>[string];
export type AwsFunctions = NonNullable<AWS['functions']>;
