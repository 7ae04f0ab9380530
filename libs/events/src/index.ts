export * from './contracts/shared';
export {
  type EventContract,
  type EventData,
  type EventSource,
  type ProducerService,
  contractVersionName,
  defineContract,
} from './contracts/contract';
export { exampleIds } from './contracts/example-ids';
export * from './contracts/user-registered';
export * from './contracts/user-logged-out';
export * from './contracts/room-created';
export * from './contracts/room-updated';
export * from './contracts/user-joined';
export * from './contracts/user-left';
export * from './contracts/message-sent';
export * from './contracts/message-edited';
export * from './contracts/message-deleted';
export * from './contracts/reaction-changed';
export * from './contracts/read-marker-moved';
export * from './contracts/presence-changed';
export * from './contracts/notification-requested';
export * from './contracts/user-banned';
export * from './contracts/message-reported';
export * from './contracts/user-deleted';
export * from './contracts/user-blocked';
export * from './contracts/user-unblocked';
export {
  type EventContracts,
  type EventDataMap,
  type EventDetailType,
  eventContracts,
  findContract,
  publishedContracts,
} from './contracts/registry';
export {
  type ContractIssue,
  type ContractViolationDetails,
  ContractViolationError,
  formatIssues,
  formatPath,
  issuesFromZod,
} from './contract-violation';
export {
  type BuildEventOptions,
  type EnvelopeOf,
  type EventEnvelope,
  type EventMetadata,
  type StreamRecordIdentity,
  buildEvent,
  deterministicEventId,
  envelopeSchema,
  eventMetadataSchema,
  streamRecordEventId,
} from './envelope';
export { type ValidatedEvent, validateEvent } from './validate-event';
export { type ContractEventPattern, eventPattern } from './event-pattern';
export { entrySize, maxBytesPerCall, maxEntriesPerCall, splitIntoBatches } from './publisher/entry-size';
export {
  backoffDelay,
  isRetryableCallError,
  isRetryableEntryError,
  permanentEntryErrorCodes,
} from './publisher/retry-policy';
export {
  type EventPublisher,
  type EventPublisherOptions,
  type PublishFailure,
  type PublishResult,
  type PutEventsClient,
  createEventPublisher,
} from './publisher/event-publisher';
export {
  type PublishFromStreamInput,
  type StreamChange,
  type StreamRecordToEvents,
  outboxHandler,
  publishFromStream,
  streamChangeOf,
} from './stream/publish-from-stream';
export { type IncomingEventBridgeEvent, type ParseEventOptions, parseEvent } from './consumer/parse-event';
export {
  type IdempotencyGuard,
  type IdempotencyGuardOptions,
  type OnceResult,
  createIdempotencyGuard,
  EventInProgressError,
  isEventInProgress,
} from './consumer/idempotency-guard';
export { DEFAULT_CONSUMER_TIMEOUT_SECONDS } from './consumer/consumer-timeout';
export {
  type GuardMode,
  type ProcessedEventsOptions,
  PROCESSED_EVENT_TTL_SECONDS,
  processedEventsGuards,
} from './consumer/processed-events';
export {
  type ConsumedEvent,
  type EventConsumerHandler,
  type EventConsumerOptions,
  type EventReader,
  contractReader,
  eventConsumer,
} from './consumer/event-consumer';
export {
  type IdempotencyTableProperties,
  idempotencyTableProperties,
  idempotencyTableResource,
  idempotencyTableSchema,
} from './consumer/idempotency-table';
export {
  type AsyncApiOptions,
  type JsonSchema,
  asyncApiDocument,
  eventJsonSchema,
  exampleEnvelopes,
} from './docs/event-docs';
export {
  type BreakingChange,
  type BreakingChangeKind,
  type JsonSchemaNode,
  describeBreakingChanges,
  findBreakingChanges,
} from './compatibility/schema-compatibility';
