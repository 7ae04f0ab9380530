/**
 * What other packages use of the local stack: its endpoints (what `npm start` writes to `endpoints.json`), the
 * local cloud's parts that tests start on their own, and the shapes of what its inspection endpoints answer
 * (`GET /_local/events`, `GET /_local/sns/deliveries`, `GET /_local/usage`). `npm start` runs `main.ts`.
 */
import path from 'node:path';

/** The entry point `npm start` runs, to start the stack as a child process. */
export const LOCAL_STACK_MAIN = path.join(__dirname, 'main.ts');

export { REPO_ROOT } from './config';
export type { LocalEndpoints } from './stack';
export {
  matchesPattern,
  startEventBridge,
  type EventBridgeEvent,
  type EventPattern,
  type PublishedEvent,
  type RunningEventBridge,
} from './cloud/eventbridge';
export type { SnsDelivery } from './cloud/sns';
export { startWebSocketApi, type RunningWebSocketApi, type WebSocketEvent } from './cloud/websocket-api';
export { createTables } from './dynamodb';
export { loadComposition } from './services/load-compose';
export type { FunctionDefinition, LoadedService } from './services/model';
export { buildBundles } from './functions/bundles';
export {
  DYNAMODB_READS,
  USAGE_PATH,
  type DynamoDbCounts,
  type InvocationCounts,
  type StackCpu,
  type UsageSnapshot,
} from './observability/usage';
