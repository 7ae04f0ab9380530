import type { AWS } from '@serverless/typescript';
import {
  allow,
  attachedProvider,
  dynamoTable,
  eventFunction,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  failuresQueue,
  HEALTH_PROBE_ID,
  healthRoute,
  httpRoute,
  indexAccess,
  manageConnections,
  outboxFunction,
  RATE_LIMITS_TABLE,
  rateLimitParameters,
  rateLimitsAccess,
  rateLimitsTable,
  serviceBase,
  streamFunction,
  tableAccess,
  tableEnvironment,
  tableRef,
  webOrigins,
  withOwnRoles,
  type IamStatement,
} from '../../libs/serverless-config/src';
import { withObservability } from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { MEMBERSHIPS_INDEXES } from '../../libs/memberships/src/names';
import { userDeletedContract } from '../../libs/events/src/contracts/user-deleted';
import { eventPattern } from '../../libs/events/src/event-pattern';
import { ENV, ERASURE_TIMEOUT_SECONDS, INDEXES } from './src/adapters/names';

/**
 * chat-messaging: messages, history, edits/deletes, attachments (S3) and read markers. Its HTTP routes attach to
 * the stage's HTTP API (chat-auth), its `sendMessage` WebSocket route to the stage's WebSocket API
 * (chat-realtime). The messages table's stream is its event outbox. Cross-service reads (read-only): rooms'
 * memberships table, realtime's connections table (see README, Parameters).
 */
const verifier = tokenVerifierAccess();

const membershipsTableArn = '${param:membershipsTableArn}';
const readMembership = allow(['dynamodb:GetItem'], [membershipsTableArn]);
const findMembersByUsername = allow(
  ['dynamodb:Query'],
  [`${membershipsTableArn}/index/${MEMBERSHIPS_INDEXES.byUsername}`],
);
/**
 * The attachments bucket: `uploads/*` is what the presigned upload URLs write (only the createAttachment role may
 * put there), `rooms/*` the copies sent messages keep, which no URL can write.
 */
const attachmentObjects = (prefix: 'uploads' | 'rooms', actions: string[]): IamStatement =>
  allow(actions, [{ 'Fn::Sub': `\${AttachmentsBucket.Arn}/${prefix}/*` }]);

/** An authenticated REST route of a room member: the shared token verifier, the membership read, its own statements. */
const route = (method: string, path: string, handler: string, statements: IamStatement[]) =>
  httpRoute(method, path, verifier, { handler, statements: [readMembership, ...statements] });

/** Every change of a room's messages reads the room's counter and moves it in the change's transaction. */
const takeRoomVersion = tableAccess('RoomVersionsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']);

/** A per-user rate-limit check (docs/decisions/008-rate-limits-and-blocks.md). */
const takeAllowance = rateLimitsAccess();

/**
 * What storing a message takes, from REST and WebSocket alike: in a DM, its members (consistent Query) and whether
 * the other one blocked the sender (rooms' blocks table, read-only GetItem), and the sender's send limit.
 */
const sendStatements: IamStatement[] = [
  takeAllowance,
  allow(['dynamodb:Query'], [membershipsTableArn]),
  allow(['dynamodb:GetItem'], ['${param:blocksTableArn}']),
  findMembersByUsername,
  takeRoomVersion,
  tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  tableAccess('ClientMessageIdsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  tableAccess('AttachmentsTable', ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']),
  // CopyObject from the upload to the message's own key, then HEAD of the copy.
  attachmentObjects('uploads', ['s3:GetObject']),
  attachmentObjects('rooms', ['s3:PutObject', 's3:GetObject']),
];

const REACTION_PATH = '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}';
/**
 * A reaction change: the message and the user's record read, the record written (`recordWrite`) with the message's
 * reactions and the room's version in one transaction; a removal may list the reaction's users again (Query).
 */
const reactionStatements = (recordWrite: string[]): IamStatement[] => [
  takeAllowance,
  takeRoomVersion,
  tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
  tableAccess('ReactionsTable', ['dynamodb:GetItem', 'dynamodb:Query', ...recordWrite]),
];

/** A search: the postings of one term per room, then the candidate messages (docs/decisions/005-message-search.md). */
const searchStatements: IamStatement[] = [
  tableAccess('SearchIndexTable', ['dynamodb:Query']),
  tableAccess('MessagesTable', ['dynamodb:BatchGetItem']),
];

/**
 * Storing a message may retry its room-version transaction many times when a room is busy (30 attempts, jittered
 * backoff up to 400 ms: docs/decisions/004-room-versions.md); it gets more than the default 10 s, within API
 * Gateway's 29 s integration limit.
 */
const SEND_TIMEOUT_SECONDS = 25;

const { functions, roles } = withOwnRoles({
  health: healthRoute('messaging', {
    table: 'MessagesTable',
    key: { roomId: HEALTH_PROBE_ID, messageId: HEALTH_PROBE_ID },
  }),
  sendMessage: {
    ...route('POST', '/rooms/{roomId}/messages', 'send-message', sendStatements),
    timeout: SEND_TIMEOUT_SECONDS,
  },
  socketSendMessage: {
    handler: 'src/handlers/socket-send-message.handler',
    events: [{ websocket: { route: 'sendMessage' } }],
    timeout: SEND_TIMEOUT_SECONDS,
    environment: {
      [ENV.connectionsTable]: '${param:connectionsTableName}',
      [ENV.webSocketManagementEndpoint]: '${param:webSocketManagementEndpoint}',
    },
    statements: [
      allow(['dynamodb:GetItem'], ['${param:connectionsTableArn}']),
      readMembership,
      ...sendStatements,
      manageConnections({ id: '${param:webSocketApiId}' }, ['POST']),
    ],
  },
  listMessages: route('GET', '/rooms/{roomId}/messages', 'list-messages', [
    // The cursor message's seq, then the seq index.
    tableAccess('MessagesTable', ['dynamodb:GetItem']),
    indexAccess('MessagesTable', INDEXES.messagesBySeq, ['dynamodb:Query']),
  ]),
  listChanges: route('GET', '/rooms/{roomId}/changes', 'list-changes', [
    tableAccess('RoomVersionsTable', ['dynamodb:GetItem']),
    indexAccess('MessagesTable', INDEXES.messagesByVersion, ['dynamodb:Query']),
  ]),
  listReplies: route('GET', '/rooms/{roomId}/messages/{messageId}/replies', 'list-replies', [
    // The parent and the cursor message, then the thread index.
    tableAccess('MessagesTable', ['dynamodb:GetItem']),
    indexAccess('MessagesTable', INDEXES.messagesByThread, ['dynamodb:Query']),
  ]),
  editMessage: route('PATCH', '/rooms/{roomId}/messages/{messageId}', 'edit-message', [
    findMembersByUsername,
    takeRoomVersion,
    tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
  ]),
  deleteMessage: route('DELETE', '/rooms/{roomId}/messages/{messageId}', 'delete-message', [
    takeRoomVersion,
    tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    tableAccess('AttachmentsTable', ['dynamodb:DeleteItem']),
    attachmentObjects('rooms', ['s3:DeleteObject']),
  ]),
  createAttachment: route('POST', '/rooms/{roomId}/attachments', 'create-attachment', [
    takeAllowance,
    tableAccess('AttachmentsTable', ['dynamodb:PutItem']),
    attachmentObjects('uploads', ['s3:PutObject']),
  ]),
  getAttachment: route('GET', '/rooms/{roomId}/attachments/{attachmentId}', 'get-attachment', [
    tableAccess('AttachmentsTable', ['dynamodb:GetItem']),
    attachmentObjects('uploads', ['s3:GetObject']),
    attachmentObjects('rooms', ['s3:GetObject']),
  ]),
  markRead: route('PUT', '/rooms/{roomId}/read', 'mark-read', [
    tableAccess('MessagesTable', ['dynamodb:GetItem']),
    tableAccess('ReadMarkersTable', ['dynamodb:UpdateItem']),
  ]),
  getUnread: route('GET', '/rooms/{roomId}/unread', 'get-unread', [
    tableAccess('MessagesTable', ['dynamodb:Query']),
    tableAccess('ReadMarkersTable', ['dynamodb:GetItem']),
  ]),
  getUnreads: route('GET', '/unread', 'get-unreads', [
    tableAccess('MessagesTable', ['dynamodb:Query']),
    tableAccess('ReadMarkersTable', ['dynamodb:BatchGetItem']),
  ]),
  listReceipts: route('GET', '/rooms/{roomId}/receipts', 'list-receipts', [
    indexAccess('ReadMarkersTable', INDEXES.readMarkersByRoom, ['dynamodb:Query']),
  ]),
  addReaction: route('PUT', REACTION_PATH, 'add-reaction', reactionStatements(['dynamodb:PutItem'])),
  removeReaction: route(
    'DELETE',
    REACTION_PATH,
    'remove-reaction',
    reactionStatements(['dynamodb:DeleteItem']),
  ),
  publishReadMarkerEvents: outboxFunction(
    'publish-read-marker-events',
    'ReadMarkersTable',
    '${param:eventBusArn}',
    { batchSize: 25, maximumRetryAttempts: 10, onFailureQueue: 'OutboxFailuresQueue' },
  ),
  // The messages table's own projections (thread summaries; the search index), its stream's second consumer.
  projectMessages: streamFunction('project-messages', 'MessagesTable', {
    batchSize: 25,
    maximumRetryAttempts: 10,
    onFailureQueue: 'ProjectionFailuresQueue',
    statements: [
      tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      tableAccess('SearchIndexTable', ['dynamodb:BatchWriteItem']),
    ],
  }),
  searchRoom: route('GET', '/rooms/{roomId}/search', 'search-room', searchStatements),
  searchMyRooms: route('GET', '/search', 'search-my-rooms', [
    ...searchStatements,
    allow(['dynamodb:Query'], [`${membershipsTableArn}/index/${MEMBERSHIPS_INDEXES.byUser}`]),
  ]),
  // Reports of messages (members report, owner and admins list); the reports table's stream is their outbox.
  reportMessage: route('POST', '/rooms/{roomId}/messages/{messageId}/reports', 'report-message', [
    tableAccess('MessagesTable', ['dynamodb:GetItem']),
    tableAccess('ReportsTable', ['dynamodb:PutItem']),
  ]),
  listReports: route('GET', '/rooms/{roomId}/reports', 'list-reports', [
    indexAccess('ReportsTable', INDEXES.reportsByTime, ['dynamodb:Query']),
  ]),
  publishReportEvents: outboxFunction('publish-report-events', 'ReportsTable', '${param:eventBusArn}', {
    batchSize: 10,
    maximumRetryAttempts: 10,
    onFailureQueue: 'OutboxFailuresQueue',
  }),
  // Closing an account (docs/decisions/007-account-closing.md): the user's messages become tombstones, their
  // attachments, reactions and read markers go; found by index, resumable, failures to ErasureFailuresQueue.
  eraseUserContent: {
    ...eventFunction('erase-user-content', '${param:eventBusArn}', [eventPattern(userDeletedContract)], {
      failureQueue: 'ErasureFailuresQueue',
      timeout: ERASURE_TIMEOUT_SECONDS,
      statements: [
        processedEventsAccess(),
        indexAccess('MessagesTable', INDEXES.messagesBySender, ['dynamodb:Query']),
        takeRoomVersion,
        tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
        tableAccess('AttachmentsTable', ['dynamodb:DeleteItem']),
        attachmentObjects('rooms', ['s3:DeleteObject']),
        indexAccess('ReactionsTable', INDEXES.reactionsByUser, ['dynamodb:Query']),
        tableAccess('ReactionsTable', ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DeleteItem']),
        tableAccess('ReadMarkersTable', ['dynamodb:Query', 'dynamodb:BatchWriteItem']),
      ],
    }),
    environment: {
      ...tableEnvironment({ [ENV.processedEventsTable]: PROCESSED_EVENTS_TABLE }),
      [ENV.erasureBudgetSeconds]: String(ERASURE_TIMEOUT_SECONDS - 15),
    },
  },
  publishMessageEvents: outboxFunction('publish-message-events', 'MessagesTable', '${param:eventBusArn}', {
    batchSize: 10,
    maximumRetryAttempts: 10,
    onFailureQueue: 'OutboxFailuresQueue',
  }),
});

const config: AWS = {
  ...serviceBase('chat-messaging'),
  provider: attachedProvider({
    // The sendMessage route goes on realtime's WebSocket API instead of a new one.
    apiGateway: { websocketApiId: '${param:webSocketApiId}' },
    environment: {
      ...tableEnvironment({
        [ENV.messagesTable]: 'MessagesTable',
        [ENV.clientMessageIdsTable]: 'ClientMessageIdsTable',
        [ENV.roomVersionsTable]: 'RoomVersionsTable',
        [ENV.attachmentsTable]: 'AttachmentsTable',
        [ENV.readMarkersTable]: 'ReadMarkersTable',
        [ENV.reactionsTable]: 'ReactionsTable',
        [ENV.searchIndexTable]: 'SearchIndexTable',
        [ENV.reportsTable]: 'ReportsTable',
        [ENV.rateLimitsTable]: RATE_LIMITS_TABLE,
      }),
      // The per-user rate limits (API.md "Safety"): stage parameters with the contract's defaults.
      ...rateLimitParameters(
        'sendRate',
        { limit: ENV.sendRateLimit, windowSeconds: ENV.sendRateWindowSeconds },
        { limit: 30, windowSeconds: 10 },
      ),
      ...rateLimitParameters(
        'reactionRate',
        { limit: ENV.reactionRateLimit, windowSeconds: ENV.reactionRateWindowSeconds },
        { limit: 60, windowSeconds: 10 },
      ),
      ...rateLimitParameters(
        'attachmentRate',
        { limit: ENV.attachmentRateLimit, windowSeconds: ENV.attachmentRateWindowSeconds },
        { limit: 30, windowSeconds: 60 },
      ),
      [ENV.blocksTable]: '${param:blocksTableName}',
      [ENV.attachmentsBucket]: { Ref: 'AttachmentsBucket' },
      [ENV.membershipsTable]: '${param:membershipsTableName}',
    },
  }),
  functions,
  resources: {
    Resources: {
      ...roles,
      MessagesTable: dynamoTable({
        name: 'messages',
        partitionKey: { name: 'roomId', type: 'S' },
        sortKey: { name: 'messageId', type: 'S' },
        // Strongly consistent reads in the room's order and by latest change (docs/decisions/004-room-versions.md).
        localIndexes: [
          { name: INDEXES.messagesBySeq, sortKey: { name: 'seq', type: 'N' } },
          { name: INDEXES.messagesByVersion, sortKey: { name: 'version', type: 'N' } },
          // Replies keep their seq as replySeq and sit here instead of bySeq: a thread in order.
          { name: INDEXES.messagesByThread, sortKey: { name: 'threadPosition', type: 'S' } },
        ],
        // A sender's messages that are not tombstones (`liveSender` is removed by the tombstone): erasure.
        indexes: [
          {
            name: INDEXES.messagesBySender,
            partitionKey: { name: 'liveSender', type: 'S' },
            sortKey: { name: 'messageId', type: 'S' },
            projection: 'KEYS_ONLY',
          },
        ],
        stream: 'NEW_AND_OLD_IMAGES',
        pointInTimeRecovery: true,
      }),
      RoomVersionsTable: dynamoTable({
        name: 'room-versions',
        partitionKey: { name: 'roomId', type: 'S' },
        pointInTimeRecovery: true,
      }),
      ClientMessageIdsTable: dynamoTable({
        name: 'client-message-ids',
        partitionKey: { name: 'roomId', type: 'S' },
        sortKey: { name: 'clientKey', type: 'S' },
      }),
      ReactionsTable: dynamoTable({
        name: 'reactions',
        partitionKey: { name: 'messageKey', type: 'S' },
        sortKey: { name: 'reactionKey', type: 'S' },
        // A user's reactions (erasure).
        indexes: [
          {
            name: INDEXES.reactionsByUser,
            partitionKey: { name: 'userId', type: 'S' },
            sortKey: { name: 'messageKey', type: 'S' },
            projection: 'KEYS_ONLY',
          },
        ],
      }),
      // The search index: one item per (room and term, message); kept by projectMessages.
      SearchIndexTable: dynamoTable({
        name: 'search-index',
        partitionKey: { name: 'term', type: 'S' },
        sortKey: { name: 'messageId', type: 'S' },
      }),
      ReportsTable: dynamoTable({
        name: 'reports',
        partitionKey: { name: 'roomId', type: 'S' },
        // `<messageId>#<reporterId>`: one report per reporter and message.
        sortKey: { name: 'reportKey', type: 'S' },
        localIndexes: [{ name: INDEXES.reportsByTime, sortKey: { name: 'reportedAt', type: 'S' } }],
        stream: 'NEW_IMAGE',
      }),
      AttachmentsTable: dynamoTable({
        name: 'attachments',
        partitionKey: { name: 'attachmentId', type: 'S' },
      }),
      ReadMarkersTable: dynamoTable({
        name: 'read-markers',
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'roomId', type: 'S' },
        // A room's receipts.
        indexes: [
          {
            name: INDEXES.readMarkersByRoom,
            partitionKey: { name: 'roomId', type: 'S' },
            sortKey: { name: 'userId', type: 'S' },
          },
        ],
        // The outbox of ReadMarkerMoved (read receipts).
        stream: 'NEW_AND_OLD_IMAGES',
      }),
      AttachmentsBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          // A sent attachment lives on as its message's copy; an upload never sent is of no use after a day.
          LifecycleConfiguration: {
            Rules: [{ Id: 'unsent-uploads', Status: 'Enabled', Prefix: 'uploads/', ExpirationInDays: 1 }],
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          // Browsers upload and download with the presigned URLs directly.
          CorsConfiguration: {
            CorsRules: [
              {
                AllowedMethods: ['GET', 'PUT', 'HEAD'],
                AllowedOrigins: webOrigins(),
                AllowedHeaders: ['Content-Type', 'Content-Length'],
                ExposedHeaders: ['ETag'],
                MaxAge: 3000,
              },
            ],
          },
        },
      },
      [RATE_LIMITS_TABLE]: rateLimitsTable(),
      OutboxFailuresQueue: failuresQueue(),
      ErasureFailuresQueue: failuresQueue(),
      [PROCESSED_EVENTS_TABLE]: processedEventsTable(),
      ProjectionFailuresQueue: failuresQueue(),
    },
    Outputs: {
      MessagesTableName: { Value: tableRef('MessagesTable') },
      AttachmentsBucketName: { Value: { Ref: 'AttachmentsBucket' } },
    },
  },
};

// Metrics, tracing switch, alarms (docs/operations.md).
export default withObservability(config);
