import type { AWS } from '@serverless/typescript';
import {
  allow,
  attachedProvider,
  dynamoTable,
  failuresQueue,
  HEALTH_PROBE_ID,
  healthRoute,
  httpRoute,
  indexAccess,
  manageConnections,
  outboxFunction,
  serviceBase,
  tableAccess,
  tableEnvironment,
  tableRef,
  webOrigins,
  withOwnRoles,
  type IamStatement,
} from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { MEMBERSHIPS_INDEXES } from '../../libs/memberships/src/names';
import { ENV, INDEXES } from './src/adapters/names';

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

/** What storing a message takes, from REST and WebSocket alike. */
const sendStatements: IamStatement[] = [
  findMembersByUsername,
  takeRoomVersion,
  tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  tableAccess('ClientMessageIdsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  tableAccess('AttachmentsTable', ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']),
  // CopyObject from the upload to the message's own key, then HEAD of the copy.
  attachmentObjects('uploads', ['s3:GetObject']),
  attachmentObjects('rooms', ['s3:PutObject', 's3:GetObject']),
];

const { functions, roles } = withOwnRoles({
  health: healthRoute('messaging', {
    table: 'MessagesTable',
    key: { roomId: HEALTH_PROBE_ID, messageId: HEALTH_PROBE_ID },
  }),
  sendMessage: route('POST', '/rooms/{roomId}/messages', 'send-message', sendStatements),
  socketSendMessage: {
    handler: 'src/handlers/socket-send-message.handler',
    events: [{ websocket: { route: 'sendMessage' } }],
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
  publishReadMarkerEvents: outboxFunction(
    'publish-read-marker-events',
    'ReadMarkersTable',
    '${param:eventBusArn}',
    { batchSize: 25, maximumRetryAttempts: 10, onFailureQueue: 'OutboxFailuresQueue' },
  ),
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
      }),
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
      OutboxFailuresQueue: failuresQueue(),
    },
    Outputs: {
      MessagesTableName: { Value: tableRef('MessagesTable') },
      AttachmentsBucketName: { Value: { Ref: 'AttachmentsBucket' } },
    },
  },
};

export default config;
