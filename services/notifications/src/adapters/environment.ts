import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { documentClient } from '@chat/aws';
import {
  createEventPublisher,
  createIdempotencyGuard,
  type EventPublisher,
  type IdempotencyGuard,
} from '@chat/events';
import { membershipReader } from '@chat/memberships';
import { COMMON_ENV, createLogger, lazy, optionalEnv, requireEnv, type Logger } from '@chat/runtime';
import type {
  DeviceRegistry,
  Inbox,
  MembershipReader,
  PreferencesStore,
  PresenceStore,
  PushEndpoints,
  RoomDirectory,
  UserDirectory,
  UserTopics,
} from '../use-cases/ports';
import { dynamoDevices } from './dynamodb-devices';
import { dynamoInbox } from './dynamodb-inbox';
import { dynamoPreferences } from './dynamodb-preferences';
import { dynamoPresence } from './dynamodb-presence';
import { dynamoRooms } from './dynamodb-rooms';
import { dynamoUsers } from './dynamodb-users';
import { ENV } from './names';
import { snsPushEndpoints } from './sns-push-endpoints';
import { snsUserTopics } from './sns-user-topics';

/** EventBridge redelivers for up to 24 h: processed-event markers live a week. */
const PROCESSED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

/** Each adapter is built on first use and kept for the sandbox's life; it reads its variables only then. */
const sns = lazy(() => new SNSClient({}));

/** The real clock, for the use cases that take one. */
export { systemClock } from '@chat/runtime';

export const logger = lazy((): Logger =>
  createLogger({ service: optionalEnv(COMMON_ENV.serviceName), component: 'use-cases' }),
);
export const inbox = lazy((): Inbox => dynamoInbox(documentClient(), requireEnv(ENV.inboxTable)));
export const preferences = lazy((): PreferencesStore =>
  dynamoPreferences(documentClient(), requireEnv(ENV.preferencesTable)),
);
export const presence = lazy((): PresenceStore =>
  dynamoPresence(documentClient(), requireEnv(ENV.presenceTable)),
);
export const users = lazy((): UserDirectory => dynamoUsers(documentClient(), requireEnv(ENV.usersTable)));
export const rooms = lazy((): RoomDirectory => dynamoRooms(documentClient(), requireEnv(ENV.roomsTable)));
export const devices = lazy((): DeviceRegistry =>
  dynamoDevices(documentClient(), requireEnv(ENV.devicesTable)),
);
export const memberships = lazy((): MembershipReader =>
  membershipReader(documentClient(), requireEnv(ENV.membershipsTable)),
);
export const userTopics = lazy((): UserTopics => snsUserTopics(sns(), requireEnv(ENV.userTopicPrefix)));
export const pushEndpoints = lazy((): PushEndpoints =>
  snsPushEndpoints(sns(), {
    apns: requireEnv(ENV.apnsApplicationArn),
    fcm: requireEnv(ENV.fcmApplicationArn),
  }),
);
export const eventPublisher = lazy((): EventPublisher =>
  createEventPublisher({
    client: new EventBridgeClient({}),
    eventBusName: requireEnv(ENV.eventBusName),
  }),
);

/** The idempotency guard of one consumer, on the service's processed-events table. */
export function idempotencyGuard(consumer: string): () => IdempotencyGuard {
  return lazy(() =>
    createIdempotencyGuard({
      client: documentClient(),
      tableName: requireEnv(ENV.processedEventsTable),
      ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
      consumer,
    }),
  );
}

/** What provisioning a user's topic reaches (users, devices, SNS). */
export function provisionDependencies() {
  return { users: users(), devices: devices(), topics: userTopics(), logger: logger() };
}
