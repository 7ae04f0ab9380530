import { COMMON_ENV } from '@chat/runtime';

/** The environment variables of chat-messaging's functions: set in serverless.ts, read in the adapters. */
export const ENV = {
  messagesTable: 'MESSAGES_TABLE',
  clientMessageIdsTable: 'CLIENT_MESSAGE_IDS_TABLE',
  roomVersionsTable: 'ROOM_VERSIONS_TABLE',
  attachmentsTable: 'ATTACHMENTS_TABLE',
  readMarkersTable: 'READ_MARKERS_TABLE',
  reactionsTable: 'REACTIONS_TABLE',
  searchIndexTable: 'SEARCH_INDEX_TABLE',
  reportsTable: 'REPORTS_TABLE',
  processedEventsTable: 'PROCESSED_EVENTS_TABLE',
  /** Seconds one run of the account erasure works before it stops and is delivered again (below its timeout). */
  erasureBudgetSeconds: 'ERASURE_BUDGET_SECONDS',
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  /** Rooms' memberships table and realtime's connections table (read-only, see README, Parameters). */
  membershipsTable: 'MEMBERSHIPS_TABLE',
  connectionsTable: 'CONNECTIONS_TABLE',
  webSocketManagementEndpoint: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
  /** Rooms' blocks table (read-only: a DM post of a blocked sender is refused). */
  blocksTable: 'BLOCKS_TABLE',
  /** The per-user rate limits (stage parameters) and their table. */
  rateLimitsTable: 'RATE_LIMITS_TABLE',
  sendRateLimit: 'SEND_RATE_LIMIT',
  sendRateWindowSeconds: 'SEND_RATE_WINDOW_SECONDS',
  reactionRateLimit: 'REACTION_RATE_LIMIT',
  reactionRateWindowSeconds: 'REACTION_RATE_WINDOW_SECONDS',
  attachmentRateLimit: 'ATTACHMENT_RATE_LIMIT',
  attachmentRateWindowSeconds: 'ATTACHMENT_RATE_WINDOW_SECONDS',
  eventBusName: COMMON_ENV.eventBusName,
} as const;

/** The indexes of chat-messaging's own tables. */
export const INDEXES = {
  /** messages LSI (roomId, seq): history in the room's order. */
  messagesBySeq: 'bySeq',
  /** messages LSI (roomId, version): the changes feed. */
  messagesByVersion: 'byVersion',
  /** messages LSI (roomId, threadPosition `<threadId>#<seq>`): a thread's replies in order. */
  messagesByThread: 'byThread',
  /** read-markers: (roomId, userId), a room's receipts. */
  readMarkersByRoom: 'byRoom',
  /** reports LSI (roomId, reportedAt `<createdAt>#<reportId>`): a room's reports newest first. */
  reportsByTime: 'byTime',
  /** messages sparse GSI (liveSender, messageId), keys only: a user's messages that are not tombstones. */
  messagesBySender: 'bySender',
  /** reactions GSI (userId, messageKey), keys only: a user's reactions. */
  reactionsByUser: 'byUser',
} as const;

/** The erasure consumer's timeout (s), also its idempotency lock; it works ERASURE_BUDGET_SECONDS of it. */
export const ERASURE_TIMEOUT_SECONDS = 60;
