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
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  /** Rooms' memberships table and realtime's connections table (read-only, see README, Parameters). */
  membershipsTable: 'MEMBERSHIPS_TABLE',
  connectionsTable: 'CONNECTIONS_TABLE',
  webSocketManagementEndpoint: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
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
} as const;
