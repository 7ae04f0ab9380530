export { matchesPattern, validatePattern, type EventPattern } from './pattern';
export { startEventBridge, type EventBridgeOptions, type RunningEventBridge } from './server';
export {
  buildEvent,
  entrySize,
  eventBusNameOf,
  MAX_ENTRIES_PER_REQUEST,
  MAX_REQUEST_SIZE_BYTES,
  type PutEventsResultEntry,
} from './put-events';
export type { FaultState } from './faults';
export type {
  DeliveryStatus,
  EventBridgeEvent,
  EventBridgeRule,
  PublishedEvent,
  TargetDelivery,
} from './types';
