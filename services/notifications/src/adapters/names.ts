import { COMMON_ENV } from '@chat/runtime';

/** The environment variables of chat-notifications' functions: set in serverless.ts, read in environment.ts. */
export const ENV = {
  inboxTable: 'INBOX_TABLE',
  preferencesTable: 'PREFERENCES_TABLE',
  presenceTable: 'PRESENCE_TABLE',
  usersTable: 'USERS_TABLE',
  roomsTable: 'ROOMS_TABLE',
  devicesTable: 'DEVICES_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  membershipsTable: 'MEMBERSHIPS_TABLE',
  /** Rooms' blocks table (read-only). */
  blocksTable: 'BLOCKS_TABLE',
  userTopicPrefix: 'USER_TOPIC_PREFIX',
  apnsApplicationArn: 'APNS_PLATFORM_APPLICATION_ARN',
  fcmApplicationArn: 'FCM_PLATFORM_APPLICATION_ARN',
  eventBusName: COMMON_ENV.eventBusName,
} as const;

/** The indexes of chat-notifications' tables: devices' `byUser` (`userId`, `registeredAt`: a user's devices). */
export const INDEXES = {
  devicesByUser: 'byUser',
} as const;
