export {
  DYNAMODB_LOCAL_NPM_INTEGRITY,
  DYNAMODB_LOCAL_NPM_PACKAGE,
  DYNAMODB_LOCAL_NPM_VERSION,
  DynamoDbLocalStartError,
  dynamoDbLocalDir,
  ensureDynamoDbLocal,
  JAVA_MISSING_MESSAGE,
  startDynamoDbLocal,
  type EnsureDynamoDbLocalOptions,
  type RunningDynamoDbLocal,
  type StartDynamoDbLocalOptions,
} from './emulator';
export { createTables, type CreateTablesOptions, type TableDefinition, type TableInfo } from './tables';
export { startStreamMapping, type StreamMapping, type StreamMappingOptions } from './streams';
export type { StartingPosition } from './shard-plan';
export { toLambdaEvent, toLambdaRecord } from './stream-event';
export {
  startTtlSweeper,
  TTL_MAX_AGE_SECONDS,
  type TtlSweeper,
  type TtlSweeperOptions,
  type TtlTable,
} from './ttl-sweeper';
export { superviseDynamoDbLocal, type SupervisedDynamoDbLocal } from './supervisor';
export { startWriteSignalProxy, tablesWritten } from './write-signal-proxy';
