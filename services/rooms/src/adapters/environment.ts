import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createEventPublisher,
  createIdempotencyGuard,
  type EventPublisher,
  type IdempotencyGuard,
} from '@chat/events';
import { requireEnv } from '@chat/runtime';
import { ulid } from 'ulid';
import type { Clock, IdGenerator, RoomStore, UserDirectory } from '../use-cases/ports';
import { dynamoRoomStore } from './dynamodb-room-store';
import { dynamoUserDirectory } from './dynamodb-user-directory';

/**
 * The adapters the handlers use, each built on first use from the function's environment (a function has
 * only the variables and IAM permissions of what it uses: see serverless.ts) and kept for the sandbox's life.
 * SDK clients take region, credentials and endpoint from the standard AWS environment.
 */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

const documentClient = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);

export const systemClock: Clock = { now: () => new Date() };
export const ulidGenerator: IdGenerator = { next: () => ulid() };

export const roomStore = once((): RoomStore =>
  dynamoRoomStore(documentClient(), {
    rooms: requireEnv('ROOMS_TABLE'),
    memberships: requireEnv('MEMBERSHIPS_TABLE'),
  }),
);

export const userDirectory = once((): UserDirectory =>
  dynamoUserDirectory(documentClient(), requireEnv('USERS_TABLE')),
);

export const eventPublisher = once((): EventPublisher =>
  createEventPublisher({ client: new EventBridgeClient({}), eventBusName: requireEnv('EVENT_BUS_NAME') }),
);

/** EventBridge redelivers for up to 24 h: markers live a week. */
const PROCESSED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

export const idempotencyGuard = (consumer: string) =>
  once((): IdempotencyGuard =>
    createIdempotencyGuard({
      client: documentClient(),
      tableName: requireEnv('PROCESSED_EVENTS_TABLE'),
      ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
      consumer,
    }),
  );
