export { serviceBase } from './service';
export { attachedProvider, chatProvider } from './provider';
export { DEFAULT_WEB_PORT, httpApiCors, webOrigins } from './cors';
export { esbuildConfig } from './esbuild';
export { allow, functionRole, ownLogsStatement, withOwnRoles, type FunctionSpec } from './iam';
export { indexAccess, manageConnections, putEvents, streamRead, tableAccess } from './statements';
export {
  dynamoTable,
  tableEnvironment,
  tableName,
  tableRef,
  type IndexSpec,
  type KeyAttribute,
  type KeyType,
  type LocalIndexSpec,
  type TableSpec,
} from './tables';
export {
  eventFunction,
  handlerPath,
  HEALTH_PROBE_ID,
  healthRoute,
  type HealthProbe,
  httpRoute,
  onEvents,
  outboxFunction,
  streamFunction,
  streamSource,
  type Access,
  type RouteSpec,
  type StreamSourceOptions,
} from './functions';
export {
  failuresQueue,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  RATE_LIMITS_TABLE,
  rateLimitParameters,
  rateLimitsAccess,
  rateLimitsTable,
} from './resources';
export { lambdaLogicalId, logGroupLogicalId, normalizedFunctionName, roleLogicalId } from './names';
export type { AwsFunction, AwsFunctions, AwsProvider, CfnResource, CfnValue, IamStatement } from './types';
export {
  ALARMS_TOPIC,
  ALARMS_TOPIC_OUTPUT,
  failureQueuesOf,
  stageDashboard,
  TRACING_CONDITION,
  withObservability,
  type ObservabilityOptions,
} from './observability';
