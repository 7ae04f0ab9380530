import { COMMON_ENV } from '@chat/runtime';

/** The environment variables of chat-realtime's functions: set in serverless.ts, read in environment.ts. */
export const ENV = {
  connectionsTable: 'CONNECTIONS_TABLE',
  presenceTable: 'PRESENCE_TABLE',
  /** Rooms' memberships table (read-only, see README, Parameters). */
  membershipsTable: 'MEMBERSHIPS_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  eventBusName: COMMON_ENV.eventBusName,
  managementEndpoint: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
  connectionTtlSeconds: 'CONNECTION_TTL_SECONDS',
  fanOutPageSize: 'FAN_OUT_PAGE_SIZE',
  fanOutConcurrency: 'FAN_OUT_CONCURRENCY',
  fanOutTimeoutSeconds: 'FAN_OUT_TIMEOUT_SECONDS',
  /** Stage parameters (API.md "Safety"): open connections per user; typing frames forwarded per user and room. */
  maxConnectionsPerUser: 'MAX_CONNECTIONS_PER_USER',
  typingIntervalSeconds: 'TYPING_INTERVAL_SECONDS',
  rateLimitsTable: 'RATE_LIMITS_TABLE',
} as const;

/** The indexes of chat-realtime's tables: connections' `byUserId` (`userId`: a user's connections). */
export const INDEXES = {
  connectionsByUser: 'byUserId',
} as const;
