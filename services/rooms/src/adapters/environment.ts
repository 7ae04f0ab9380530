import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { backoffDelay, documentClient, sleep } from '@chat/aws';
import {
  createEventPublisher,
  createIdempotencyGuard,
  type EventPublisher,
  type IdempotencyGuard,
} from '@chat/events';
import { lazy, requireEnv } from '@chat/runtime';
import type { RoomActivityStore, RoomStore, UserDirectory } from '../use-cases/ports';
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

export const roomStore = lazy((): RoomStore =>
  dynamoRoomStore(documentClient(), {
    rooms: requireEnv(ENV.roomsTable),
    memberships: requireEnv(ENV.membershipsTable),
  }),
);

export const roomActivity = lazy((): RoomActivityStore =>
  dynamoRoomActivity(documentClient(), requireEnv(ENV.roomActivityTable)),
);

/** The wait before another optimistic attempt on a room's activity: exponential backoff with jitter. */
export const activityPause = (attempt: number): Promise<void> =>
  sleep(backoffDelay(attempt - 1, { baseDelayMs: 10, maxDelayMs: 500, random: Math.random }));

export const userDirectory = lazy((): UserDirectory =>
  dynamoUserDirectory(documentClient(), requireEnv(ENV.usersTable)),
);

export const eventPublisher = lazy((): EventPublisher =>
  createEventPublisher({ client: new EventBridgeClient({}), eventBusName: requireEnv(ENV.eventBusName) }),
);

/** EventBridge redelivers for up to 24 h: markers live a week. */
const PROCESSED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

export const idempotencyGuard = (consumer: string) =>
  lazy((): IdempotencyGuard =>
    createIdempotencyGuard({
      client: documentClient(),
      tableName: requireEnv(ENV.processedEventsTable),
      ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
      consumer,
    }),
  );
