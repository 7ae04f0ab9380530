import { MEMBERSHIPS_INDEXES } from '@chat/memberships';
import { COMMON_ENV } from '@chat/runtime';

/** The environment variables of chat-rooms' functions: set in serverless.ts, read in environment.ts. */
export const ENV = {
  roomsTable: 'ROOMS_TABLE',
  membershipsTable: 'MEMBERSHIPS_TABLE',
  usersTable: 'USERS_TABLE',
  roomActivityTable: 'ROOM_ACTIVITY_TABLE',
  bansTable: 'BANS_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  blocksTable: 'BLOCKS_TABLE',
  /** The room creation limit (stage parameters) and its table. */
  rateLimitsTable: 'RATE_LIMITS_TABLE',
  roomCreationRateLimit: 'ROOM_CREATION_RATE_LIMIT',
  roomCreationRateWindowSeconds: 'ROOM_CREATION_RATE_WINDOW_SECONDS',
  eventBusName: COMMON_ENV.eventBusName,
} as const;

/**
 * The indexes of chat-rooms' tables: rooms' sparse GSI `publicByRecency` (`directory`, `createdAt`: active public
 * rooms), and the memberships table's (`@chat/memberships`, which reads that table for the other services).
 */
export const INDEXES = {
  roomsDirectory: 'publicByRecency',
  memberships: MEMBERSHIPS_INDEXES,
} as const;
