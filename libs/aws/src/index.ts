export { documentClient } from './dynamodb/client';
export { traced, tracingEnabled } from './tracing';
export {
  cancellationReasons,
  CONDITION_FAILED,
  conditionFailureItem,
  isConditionalCheckFailed,
} from './dynamodb/errors';
export {
  type GetItemOptions,
  type WriteCondition,
  conditionalWrite,
  getItem,
  setAttributes,
  whenConditionHolds,
} from './dynamodb/items';
export { tableAdapter } from './dynamodb/table-adapter';
export { tableAnswers } from './dynamodb/health';
export { BATCH_GET_LIMIT, batchGetAll, type BatchGetOptions } from './dynamodb/batch-get';
export { BATCH_WRITE_LIMIT, batchWriteAll, type BatchWrite } from './dynamodb/batch-write';
export { epochSeconds } from './dynamodb/ttl';
export { dynamoRateLimiter } from './dynamodb/rate-limiter';
export { RATE_LIMIT_KEY, RATE_LIMIT_TTL_ATTRIBUTE } from './dynamodb/rate-limit-table';
export { backoffDelay, sleep, type RetryOptions } from './retry';
export {
  type ProcessInOrderOptions,
  type StreamImage,
  type StreamRecordHandler,
  failuresFrom,
  processInOrder,
  unmarshallImage,
} from './stream-batch';
export {
  type ConnectionsOptions,
  type SendOutcome,
  type WebSocketConnections,
  apiGatewayConnections,
  ConnectionPostError,
} from './websocket/connections';
export {
  type FrameReplies,
  type WebSocketLambdaHandler,
  type WebSocketRequest,
  type WebSocketRouteResult,
  MAX_CLIENT_FRAME_BYTES,
  frameRouteHandler,
  isOversized,
  webSocketHandler,
} from './websocket/handler';
