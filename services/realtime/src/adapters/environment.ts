import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { apiGatewayConnections, dynamoRateLimiter, tableAdapter, traced } from '@chat/aws';
import { createEventPublisher, processedEventsGuards, type EventPublisher } from '@chat/events';
import { membershipReader as membershipsTableReader } from '@chat/memberships';
import {
  lazy,
  metrics,
  positiveIntegerEnv,
  rateLimit,
  requireEnv,
  systemClock,
  type Logger,
} from '@chat/runtime';
import { DEFAULT_CONNECTION_TTL_SECONDS, refreshIntervalMs, RefreshLedger } from '../domain/connection';
import { DEFAULT_MAX_CONNECTIONS_PER_USER } from '../use-cases/connections';
import { realSleep, type RetryPolicy } from '../use-cases/concurrency';
import type { EraseConnectionsDependencies } from '../use-cases/erase-connections';
import { dynamoPresenceErasure } from './dynamodb-presence-erasure';
import { DEFAULT_TYPING_INTERVAL_SECONDS, type TypingLimit } from '../use-cases/send-typing';
import type { DeliveryDependencies } from '../use-cases/deliver';
import type { ConnectionMessenger, FanOutContinuations, MembershipReader } from '../use-cases/ports';
import { dynamoConnectionStore } from './dynamodb-connections';
import { dynamoConnectionDirectory, dynamoPresenceStore } from './dynamodb-presence';
import { eventBridgeContinuations } from './eventbridge-continuations';
import { ENV } from './names';

/**
 * The adapters the handlers use, each built on first use from the function's environment (a function has only
 * the variables and permissions of what it uses: see serverless.ts) and kept for the sandbox's life. SDK clients
 * take region, credentials and endpoints from the standard AWS environment.
 */

/** The real clock and ids, for the use cases that take them. */
export { systemClock, ulidIds } from '@chat/runtime';

/** Posts and DynamoDB calls of a fan-out: 3 attempts, 50 ms then 100 ms apart. */
export const deliveryRetry: RetryPolicy = { attempts: 3, baseDelayMs: 50, sleep: realSleep };

export const connectionStore = /* @__PURE__ */ tableAdapter(
  () => ENV.connectionsTable,
  dynamoConnectionStore,
);
export const membershipReader: () => MembershipReader = /* @__PURE__ */ tableAdapter(
  () => ENV.membershipsTable,
  membershipsTableReader,
);
export const presenceStore = /* @__PURE__ */ tableAdapter(() => ENV.presenceTable, dynamoPresenceStore);
export const connectionDirectory = /* @__PURE__ */ tableAdapter(
  () => ENV.presenceTable,
  dynamoConnectionDirectory,
);

export const messenger = /* @__PURE__ */ lazy((): ConnectionMessenger =>
  apiGatewayConnections(
    traced(
      new ApiGatewayManagementApiClient({
        endpoint: requireEnv(ENV.managementEndpoint),
        maxAttempts: 1,
      }),
    ),
    // The fan-out retries each post itself (deliverToUsers); a direct post costs a fifth of client.send's CPU.
    { direct: true },
  ),
);

const eventBridgeClient = /* @__PURE__ */ lazy(() => traced(new EventBridgeClient({})));

export const continuations = /* @__PURE__ */ lazy((): FanOutContinuations =>
  eventBridgeContinuations(eventBridgeClient(), requireEnv(ENV.eventBusName), systemClock),
);

export const eventPublisher = /* @__PURE__ */ lazy((): EventPublisher =>
  createEventPublisher({ client: eventBridgeClient(), eventBusName: requireEnv(ENV.eventBusName) }),
);

/** The consumers' timeout (serverless.ts); a crashed delivery's idempotency lock frees after it. */
export const consumerTimeoutSeconds = /* @__PURE__ */ lazy(() =>
  positiveIntegerEnv(ENV.fanOutTimeoutSeconds, 30),
);

/** An idempotency guard on eventId for one consumer, locking a delivery for the consumer's timeout. */
export const idempotencyGuard = /* @__PURE__ */ processedEventsGuards(() => ENV.processedEventsTable, {
  lockSeconds: consumerTimeoutSeconds,
});

export const connectionTtlSeconds = /* @__PURE__ */ lazy(() =>
  positiveIntegerEnv(ENV.connectionTtlSeconds, DEFAULT_CONNECTION_TTL_SECONDS),
);
export const fanOutPageSize = /* @__PURE__ */ lazy(() => positiveIntegerEnv(ENV.fanOutPageSize, 500));
export const fanOutConcurrency = /* @__PURE__ */ lazy(() => positiveIntegerEnv(ENV.fanOutConcurrency, 25));

/** What a delivery to users' connections takes (use-cases/deliver.ts), logging with the invocation's logger. */
export function deliveryDependencies(logger: Logger): DeliveryDependencies {
  return {
    connections: connectionStore(),
    directory: connectionDirectory(),
    messenger: messenger(),
    clock: systemClock,
    concurrency: fanOutConcurrency(),
    retry: deliveryRetry,
    logger,
    metrics,
  };
}

const presenceErasure = /* @__PURE__ */ tableAdapter(() => ENV.presenceTable, dynamoPresenceErasure);

/** What erasing a closed account's connections and presence takes. */
export function erasureDependencies(logger: Logger): EraseConnectionsDependencies {
  return {
    connections: connectionStore(),
    directory: connectionDirectory(),
    messenger: messenger(),
    presence: presenceStore(),
    erasure: presenceErasure(),
    clock: systemClock,
    retry: deliveryRetry,
    pause: realSleep,
    logger,
  };
}

/** This sandbox's memory of TTL refreshes (activity writes at most once per interval per connection). */
export const refreshLedger = /* @__PURE__ */ lazy(
  () => new RefreshLedger(refreshIntervalMs(connectionTtlSeconds())),
);

/** Most open connections per user (stage parameter `maxConnectionsPerUser`). */
export const maxConnectionsPerUser = /* @__PURE__ */ lazy(() =>
  positiveIntegerEnv(ENV.maxConnectionsPerUser, DEFAULT_MAX_CONNECTIONS_PER_USER),
);

/** One typing frame forwarded per user and room per interval (stage parameter `typingIntervalSeconds`). */
export const typingLimit = /* @__PURE__ */ tableAdapter(
  () => ENV.rateLimitsTable,
  (client, tableName): TypingLimit => ({
    limiter: dynamoRateLimiter(client, tableName),
    typing: rateLimit(
      'typing',
      1,
      positiveIntegerEnv(ENV.typingIntervalSeconds, DEFAULT_TYPING_INTERVAL_SECONDS),
    ),
  }),
);
