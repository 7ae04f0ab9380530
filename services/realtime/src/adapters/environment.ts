import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createIdempotencyGuard,
  createEventPublisher,
  type EventPublisher,
  type IdempotencyGuard,
} from '@chat/events';
import { optionalEnv, requireEnv } from '@chat/runtime';
import { ulid } from 'ulid';
import { DEFAULT_CONNECTION_TTL_SECONDS, refreshIntervalMs, RefreshLedger } from '../domain/connection';
import { realSleep, type RetryPolicy } from '../use-cases/concurrency';
import type {
  Clock,
  ConnectionDirectory,
  ConnectionMessenger,
  ConnectionStore,
  FanOutContinuations,
  IdGenerator,
  MembershipReader,
  PresenceStore,
} from '../use-cases/ports';
import { apiGatewayConnections } from './api-gateway-connections';
import { dynamoConnectionStore } from './dynamodb-connections';
import { dynamoMembershipReader } from './dynamodb-memberships';
import { dynamoConnectionDirectory, dynamoPresenceStore } from './dynamodb-presence';
import { eventBridgeContinuations } from './eventbridge-continuations';

/**
 * The adapters the handlers use, each built on first use from the function's environment (a function has only
 * the variables and permissions of what it uses: see serverless.ts) and kept for the sandbox's life. SDK clients
 * take region, credentials and endpoints from the standard AWS environment.
 */
export const REALTIME_ENV = {
  connectionsTable: 'CONNECTIONS_TABLE',
  presenceTable: 'PRESENCE_TABLE',
  membershipsTable: 'MEMBERSHIPS_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  eventBusName: 'EVENT_BUS_NAME',
  managementEndpoint: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
  connectionTtlSeconds: 'CONNECTION_TTL_SECONDS',
  fanOutPageSize: 'FAN_OUT_PAGE_SIZE',
  fanOutConcurrency: 'FAN_OUT_CONCURRENCY',
  fanOutTimeoutSeconds: 'FAN_OUT_TIMEOUT_SECONDS',
} as const;

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** A positive integer from the environment, or `fallback` when unset; anything else fails fast. */
export function positiveIntegerEnv(name: string, fallback: number): number {
  const raw = optionalEnv(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

const documentClient = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);

export const systemClock: Clock = { now: () => new Date() };
export const ulidIds: IdGenerator = { next: () => ulid() };

/** Posts and DynamoDB calls of a fan-out: 3 attempts, 50 ms then 100 ms apart. */
export const deliveryRetry: RetryPolicy = { attempts: 3, baseDelayMs: 50, sleep: realSleep };

export const connectionStore = once((): ConnectionStore =>
  dynamoConnectionStore(documentClient(), requireEnv(REALTIME_ENV.connectionsTable)),
);

export const membershipReader = once((): MembershipReader =>
  dynamoMembershipReader(documentClient(), requireEnv(REALTIME_ENV.membershipsTable)),
);

export const presenceStore = once((): PresenceStore =>
  dynamoPresenceStore(documentClient(), requireEnv(REALTIME_ENV.presenceTable)),
);

export const connectionDirectory = once((): ConnectionDirectory =>
  dynamoConnectionDirectory(documentClient(), requireEnv(REALTIME_ENV.presenceTable)),
);

export const messenger = once((): ConnectionMessenger =>
  apiGatewayConnections(
    new ApiGatewayManagementApiClient({
      endpoint: requireEnv(REALTIME_ENV.managementEndpoint),
      maxAttempts: 1,
    }),
  ),
);

const eventBridgeClient = once(() => new EventBridgeClient({}));

export const continuations = once((): FanOutContinuations =>
  eventBridgeContinuations(eventBridgeClient(), requireEnv(REALTIME_ENV.eventBusName), systemClock),
);

export const eventPublisher = once((): EventPublisher =>
  createEventPublisher({ client: eventBridgeClient(), eventBusName: requireEnv(REALTIME_ENV.eventBusName) }),
);

/** EventBridge redelivers for up to 24 h: markers live a week. */
const PROCESSED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

/** The consumers' timeout (serverless.ts); a crashed delivery's idempotency lock frees after it. */
export const consumerTimeoutSeconds = once(() => positiveIntegerEnv(REALTIME_ENV.fanOutTimeoutSeconds, 30));

/** An idempotency guard on eventId for one consumer, locking a delivery for the consumer's timeout. */
export const idempotencyGuard = (consumer: string) =>
  once((): IdempotencyGuard =>
    createIdempotencyGuard({
      client: documentClient(),
      tableName: requireEnv(REALTIME_ENV.processedEventsTable),
      ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
      consumer,
      lockSeconds: consumerTimeoutSeconds(),
    }),
  );

export const connectionTtlSeconds = once(() =>
  positiveIntegerEnv(REALTIME_ENV.connectionTtlSeconds, DEFAULT_CONNECTION_TTL_SECONDS),
);
export const fanOutPageSize = once(() => positiveIntegerEnv(REALTIME_ENV.fanOutPageSize, 500));
export const fanOutConcurrency = once(() => positiveIntegerEnv(REALTIME_ENV.fanOutConcurrency, 25));

/** This sandbox's memory of TTL refreshes (activity writes at most once per interval per connection). */
export const refreshLedger = once(() => new RefreshLedger(refreshIntervalMs(connectionTtlSeconds())));
