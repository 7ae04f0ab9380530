import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { tableAdapter, traced } from '@chat/aws';
import { createEventPublisher, processedEventsGuards, type EventPublisher } from '@chat/events';
import { blockReader, membershipReader } from '@chat/memberships';
import { COMMON_ENV, createLogger, lazy, optionalEnv, requireEnv, type Logger } from '@chat/runtime';
import type { EraseRecipientDependencies } from '../use-cases/erase-recipient';
import type { BlockReader, MembershipReader, PushEndpoints, UserTopics } from '../use-cases/ports';
import { dynamoDevices } from './dynamodb-devices';
import { dynamoInbox } from './dynamodb-inbox';
import { dynamoPreferences } from './dynamodb-preferences';
import { dynamoPresence } from './dynamodb-presence';
import { dynamoRooms } from './dynamodb-rooms';
import { dynamoUsers } from './dynamodb-users';
import { ENV } from './names';
import { snsPushEndpoints } from './sns-push-endpoints';
import { snsRemovals, snsUserTopics } from './sns-user-topics';
import { dynamoRecipientData } from './dynamodb-recipient-data';

/** Each adapter is built on first use and kept for the sandbox's life; it reads its variables only then. */
const sns = /* @__PURE__ */ lazy(() => traced(new SNSClient({})));

/** The real clock, for the use cases that take one. */
export { systemClock } from '@chat/runtime';

export const logger = /* @__PURE__ */ lazy((): Logger =>
  createLogger({ service: optionalEnv(COMMON_ENV.serviceName), component: 'use-cases' }),
);
export const inbox = /* @__PURE__ */ tableAdapter(() => ENV.inboxTable, dynamoInbox);
export const preferences = /* @__PURE__ */ tableAdapter(() => ENV.preferencesTable, dynamoPreferences);
export const presence = /* @__PURE__ */ tableAdapter(() => ENV.presenceTable, dynamoPresence);
export const users = /* @__PURE__ */ tableAdapter(() => ENV.usersTable, dynamoUsers);
export const rooms = /* @__PURE__ */ tableAdapter(() => ENV.roomsTable, dynamoRooms);
export const devices = /* @__PURE__ */ tableAdapter(() => ENV.devicesTable, dynamoDevices);
export const memberships: () => MembershipReader = /* @__PURE__ */ tableAdapter(
  () => ENV.membershipsTable,
  membershipReader,
);
export const blocks: () => BlockReader = /* @__PURE__ */ tableAdapter(() => ENV.blocksTable, blockReader);
export const userTopics = /* @__PURE__ */ lazy((): UserTopics =>
  snsUserTopics(sns(), requireEnv(ENV.userTopicPrefix)),
);
export const pushEndpoints = /* @__PURE__ */ lazy((): PushEndpoints =>
  snsPushEndpoints(sns(), {
    apns: requireEnv(ENV.apnsApplicationArn),
    fcm: requireEnv(ENV.fcmApplicationArn),
  }),
);
export const eventPublisher = /* @__PURE__ */ lazy((): EventPublisher =>
  createEventPublisher({
    client: traced(new EventBridgeClient({})),
    eventBusName: requireEnv(ENV.eventBusName),
  }),
);

/** The idempotency guard of one consumer, on the service's processed-events table. */
export const idempotencyGuard = /* @__PURE__ */ processedEventsGuards(() => ENV.processedEventsTable);

/** What provisioning a user's topic reaches (users, devices, SNS). */
export function provisionDependencies() {
  return { users: users(), devices: devices(), topics: userTopics(), logger: logger() };
}

const recipientData = /* @__PURE__ */ tableAdapter(
  () => ({
    inbox: ENV.inboxTable,
    preferences: ENV.preferencesTable,
    presence: ENV.presenceTable,
    users: ENV.usersTable,
  }),
  dynamoRecipientData,
);

/** What erasing a closed account's notifications data reaches (its tables, its devices, SNS). */
export function erasureDependencies(): EraseRecipientDependencies {
  return {
    users: users(),
    devices: devices(),
    topics: userTopics(),
    sns: snsRemovals(sns()),
    endpoints: pushEndpoints(),
    data: recipientData(),
  };
}
