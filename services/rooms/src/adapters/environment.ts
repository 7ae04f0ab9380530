import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { backoffDelay, documentClient, dynamoRateLimiter, sleep, tableAdapter, traced } from '@chat/aws';
import { createEventPublisher, processedEventsGuards, type EventPublisher } from '@chat/events';
import { lazy, positiveIntegerEnv, rateLimit, requireEnv } from '@chat/runtime';
import type { RoomLimits } from '../use-cases/ports';
import { dynamoBlockStore } from './dynamodb-blocks';
import { dynamoRoomActivity } from './dynamodb-room-activity';
import { dynamoRoomStore } from './dynamodb-room-store';
import { dynamoUserDirectory } from './dynamodb-user-directory';
import { ENV } from './names';

/**
 * The adapters the handlers use, each built on first use from the function's environment (a function has
 * only the variables and IAM permissions of what it uses: see serverless.ts) and kept for the sandbox's life.
 * SDK clients take region, credentials and endpoint from the standard AWS environment.
 */

/** The real clock and ids, for the use cases that take them. */
export { systemClock, ulidIds } from '@chat/runtime';

export const roomStore = /* @__PURE__ */ tableAdapter(
  () => ({ rooms: ENV.roomsTable, memberships: ENV.membershipsTable }),
  dynamoRoomStore,
);

/** The room store that also checks and writes bans: for joins, invitations and the ban routes. */
export const roomStoreWithBans = /* @__PURE__ */ tableAdapter(
  () => ({ rooms: ENV.roomsTable, memberships: ENV.membershipsTable, bans: ENV.bansTable }),
  dynamoRoomStore,
);

export const roomActivity = /* @__PURE__ */ tableAdapter(() => ENV.roomActivityTable, dynamoRoomActivity);

/** The wait before another optimistic attempt on a room's activity: exponential backoff with jitter. */
export const activityPause = (attempt: number): Promise<void> =>
  sleep(backoffDelay(attempt - 1, { baseDelayMs: 10, maxDelayMs: 500, random: Math.random }));

export const userDirectory = /* @__PURE__ */ tableAdapter(() => ENV.usersTable, dynamoUserDirectory);

export const blockStore = /* @__PURE__ */ tableAdapter(() => ENV.blocksTable, dynamoBlockStore);

/** The room creation limit (stage parameters) on the service's rate-limits table. */
export const roomLimits = /* @__PURE__ */ lazy((): RoomLimits => ({
  limiter: dynamoRateLimiter(documentClient(), requireEnv(ENV.rateLimitsTable)),
  roomCreation: rateLimit(
    'room-creation',
    positiveIntegerEnv(ENV.roomCreationRateLimit),
    positiveIntegerEnv(ENV.roomCreationRateWindowSeconds),
  ),
}));

export const eventPublisher = /* @__PURE__ */ lazy((): EventPublisher =>
  createEventPublisher({
    client: traced(new EventBridgeClient({})),
    eventBusName: requireEnv(ENV.eventBusName),
  }),
);

/** An idempotency guard on eventId for one consumer, on the service's processed-events table. */
export const idempotencyGuard = /* @__PURE__ */ processedEventsGuards(() => ENV.processedEventsTable);
