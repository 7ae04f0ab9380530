import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createEventPublisher,
  createIdempotencyGuard,
  type EventPublisher,
  type IdempotencyGuard,
} from '@chat/events';
import { createLogger, optionalEnv, requireEnv, type Logger } from '@chat/runtime';
import type {
  Clock,
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
import { dynamoMembershipReader } from './dynamodb-memberships';
import { dynamoPreferences } from './dynamodb-preferences';
import { dynamoPresence } from './dynamodb-presence';
import { dynamoRooms } from './dynamodb-rooms';
import { dynamoUsers } from './dynamodb-users';
import { snsPushEndpoints } from './sns-push-endpoints';
import { snsUserTopics } from './sns-user-topics';

/** The environment variables of the service's functions (set per function in serverless.ts). */
export const NOTIFICATIONS_ENV = {
  inboxTable: 'INBOX_TABLE',
  preferencesTable: 'PREFERENCES_TABLE',
  presenceTable: 'PRESENCE_TABLE',
  usersTable: 'USERS_TABLE',
  roomsTable: 'ROOMS_TABLE',
  devicesTable: 'DEVICES_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  membershipsTable: 'MEMBERSHIPS_TABLE',
  userTopicPrefix: 'USER_TOPIC_PREFIX',
  apnsApplicationArn: 'APNS_PLATFORM_APPLICATION_ARN',
  fcmApplicationArn: 'FCM_PLATFORM_APPLICATION_ARN',
  eventBusName: 'EVENT_BUS_NAME',
} as const;

/** EventBridge redelivers for up to 24 h: processed-event markers live a week. */
const PROCESSED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

/** A dependency built on first use and kept for the sandbox's life; it reads its variables only then. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

const dynamo = lazy(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);
const sns = lazy(() => new SNSClient({}));

export const systemClock: Clock = { now: () => new Date() };

export const logger = lazy((): Logger =>
  createLogger({ service: optionalEnv('SERVICE_NAME'), component: 'use-cases' }),
);
export const inbox = lazy((): Inbox => dynamoInbox(dynamo(), requireEnv(NOTIFICATIONS_ENV.inboxTable)));
export const preferences = lazy((): PreferencesStore =>
  dynamoPreferences(dynamo(), requireEnv(NOTIFICATIONS_ENV.preferencesTable)),
);
export const presence = lazy((): PresenceStore =>
  dynamoPresence(dynamo(), requireEnv(NOTIFICATIONS_ENV.presenceTable)),
);
export const users = lazy((): UserDirectory =>
  dynamoUsers(dynamo(), requireEnv(NOTIFICATIONS_ENV.usersTable)),
);
export const rooms = lazy((): RoomDirectory =>
  dynamoRooms(dynamo(), requireEnv(NOTIFICATIONS_ENV.roomsTable)),
);
export const devices = lazy((): DeviceRegistry =>
  dynamoDevices(dynamo(), requireEnv(NOTIFICATIONS_ENV.devicesTable)),
);
export const memberships = lazy((): MembershipReader =>
  dynamoMembershipReader(dynamo(), requireEnv(NOTIFICATIONS_ENV.membershipsTable)),
);
export const userTopics = lazy((): UserTopics =>
  snsUserTopics(sns(), requireEnv(NOTIFICATIONS_ENV.userTopicPrefix)),
);
export const pushEndpoints = lazy((): PushEndpoints =>
  snsPushEndpoints(sns(), {
    apns: requireEnv(NOTIFICATIONS_ENV.apnsApplicationArn),
    fcm: requireEnv(NOTIFICATIONS_ENV.fcmApplicationArn),
  }),
);
export const eventPublisher = lazy((): EventPublisher =>
  createEventPublisher({
    client: new EventBridgeClient({}),
    eventBusName: requireEnv(NOTIFICATIONS_ENV.eventBusName),
  }),
);

/** The idempotency guard of one consumer, on the service's processed-events table. */
export function idempotencyGuard(consumer: string): () => IdempotencyGuard {
  return lazy(() =>
    createIdempotencyGuard({
      client: dynamo(),
      tableName: requireEnv(NOTIFICATIONS_ENV.processedEventsTable),
      ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
      consumer,
    }),
  );
}

/** What provisioning a user's topic reaches (users, devices, SNS). */
export function provisionDependencies() {
  return { users: users(), devices: devices(), topics: userTopics(), logger: logger() };
}
