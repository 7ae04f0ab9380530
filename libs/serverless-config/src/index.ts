export { serviceBase } from './service';
export { attachedProvider, chatProvider } from './provider';
export { esbuildConfig } from './esbuild';
export { allow, functionRole, ownLogsStatement, withOwnRoles, type FunctionSpec } from './iam';
export { manageConnections, putEvents, streamRead, tableAccess } from './statements';
export {
  dynamoTable,
  tableName,
  type IndexSpec,
  type KeyAttribute,
  type KeyType,
  type TableSpec,
} from './tables';
export { lambdaLogicalId, logGroupLogicalId, normalizedFunctionName, roleLogicalId } from './names';
export type { AwsFunction, AwsFunctions, AwsProvider, CfnResource, CfnValue, IamStatement } from './types';
