import type { AWS } from '@serverless/typescript';
import {
  allow,
  attachedProvider,
  dynamoTable,
  manageConnections,
  putEvents,
  serviceBase,
  streamRead,
  tableAccess,
  withOwnRoles,
  type FunctionSpec,
  type IamStatement,
} from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';

/**
 * chat-messaging: messages, history, edits/deletes, attachments (S3) and read markers. Its HTTP routes attach to
 * the stage's HTTP API (chat-auth), its `sendMessage` WebSocket route to the stage's WebSocket API
 * (chat-realtime). The messages table's stream is its event outbox. Cross-service reads (read-only): rooms'
 * memberships table, realtime's connections table (see README, Parameters).
 */
const verifier = tokenVerifierAccess();

const membershipsTableArn = '${param:membershipsTableArn}';
const readMembership = allow(['dynamodb:GetItem'], [membershipsTableArn]);
const findMembersByUsername = allow(['dynamodb:Query'], [`${membershipsTableArn}/index/byUsername`]);
const attachmentObjects = (actions: string[]): IamStatement =>
  allow(actions, [{ 'Fn::Sub': '${AttachmentsBucket.Arn}/rooms/*' }]);

/** An authenticated REST route: the shared token verifier plus the function's own statements. */
function route(method: string, path: string, handler: string, statements: IamStatement[]): FunctionSpec {
  return {
    handler: `src/handlers/${handler}.handler`,
    events: [{ httpApi: { method, path } }],
    environment: { ...verifier.environment },
    statements: [...verifier.statements, readMembership, ...statements],
  };
}

/** What storing a message takes, from REST and WebSocket alike. */
const sendStatements: IamStatement[] = [
  findMembersByUsername,
  tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  tableAccess('ClientMessageIdsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  tableAccess('AttachmentsTable', ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']),
  attachmentObjects(['s3:GetObject']),
];

const { functions, roles } = withOwnRoles({
  health: {
    handler: 'src/handlers/health.handler',
    events: [{ httpApi: { method: 'GET', path: '/health/messaging' } }],
  },
  sendMessage: route('POST', '/rooms/{roomId}/messages', 'send-message', sendStatements),
  socketSendMessage: {
    handler: 'src/handlers/socket-send-message.handler',
    events: [{ websocket: { route: 'sendMessage' } }],
    environment: {
      CONNECTIONS_TABLE: '${param:connectionsTableName}',
      WEBSOCKET_MANAGEMENT_ENDPOINT: '${param:webSocketManagementEndpoint}',
    },
    statements: [
      allow(['dynamodb:GetItem'], ['${param:connectionsTableArn}']),
      readMembership,
      ...sendStatements,
      manageConnections({ id: '${param:webSocketApiId}' }, ['POST']),
    ],
  },
  listMessages: route('GET', '/rooms/{roomId}/messages', 'list-messages', [
    tableAccess('MessagesTable', ['dynamodb:Query']),
  ]),
  editMessage: route('PATCH', '/rooms/{roomId}/messages/{messageId}', 'edit-message', [
    findMembersByUsername,
    tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
  ]),
  deleteMessage: route('DELETE', '/rooms/{roomId}/messages/{messageId}', 'delete-message', [
    tableAccess('MessagesTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    tableAccess('AttachmentsTable', ['dynamodb:DeleteItem']),
    attachmentObjects(['s3:DeleteObject']),
  ]),
  createAttachment: route('POST', '/rooms/{roomId}/attachments', 'create-attachment', [
    tableAccess('AttachmentsTable', ['dynamodb:PutItem']),
    attachmentObjects(['s3:PutObject']),
  ]),
  getAttachment: route('GET', '/rooms/{roomId}/attachments/{attachmentId}', 'get-attachment', [
    tableAccess('AttachmentsTable', ['dynamodb:GetItem']),
    attachmentObjects(['s3:GetObject']),
  ]),
  markRead: route('PUT', '/rooms/{roomId}/read', 'mark-read', [
    tableAccess('MessagesTable', ['dynamodb:GetItem']),
    tableAccess('ReadMarkersTable', ['dynamodb:UpdateItem']),
  ]),
  getUnread: route('GET', '/rooms/{roomId}/unread', 'get-unread', [
    tableAccess('MessagesTable', ['dynamodb:Query']),
    tableAccess('ReadMarkersTable', ['dynamodb:GetItem']),
  ]),
  publishMessageEvents: {
    handler: 'src/handlers/publish-message-events.handler',
    events: [
      {
        stream: {
          type: 'dynamodb',
          arn: { 'Fn::GetAtt': ['MessagesTable', 'StreamArn'] },
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumRetryAttempts: 10,
          bisectBatchOnFunctionError: true,
          functionResponseType: 'ReportBatchItemFailures',
          destinations: { onFailure: { arn: { 'Fn::GetAtt': ['OutboxFailuresQueue', 'Arn'] }, type: 'sqs' } },
        },
      },
    ],
    statements: [
      streamRead('MessagesTable'),
      putEvents('${param:eventBusArn}'),
      allow(['sqs:SendMessage'], [{ 'Fn::GetAtt': ['OutboxFailuresQueue', 'Arn'] }]),
    ],
  },
});

const config: AWS = {
  ...serviceBase('chat-messaging'),
  provider: attachedProvider({
    // The sendMessage route goes on realtime's WebSocket API instead of a new one.
    apiGateway: { websocketApiId: '${param:webSocketApiId}' },
    environment: {
      MESSAGES_TABLE: { Ref: 'MessagesTable' },
      CLIENT_MESSAGE_IDS_TABLE: { Ref: 'ClientMessageIdsTable' },
      ATTACHMENTS_TABLE: { Ref: 'AttachmentsTable' },
      READ_MARKERS_TABLE: { Ref: 'ReadMarkersTable' },
      ATTACHMENTS_BUCKET: { Ref: 'AttachmentsBucket' },
      MEMBERSHIPS_TABLE: '${param:membershipsTableName}',
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
        stream: 'NEW_AND_OLD_IMAGES',
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
                AllowedOrigins: ['*'],
                AllowedHeaders: ['Content-Type', 'Content-Length'],
                ExposedHeaders: ['ETag'],
                MaxAge: 3000,
              },
            ],
          },
        },
      },
      OutboxFailuresQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
      },
    },
    Outputs: {
      MessagesTableName: { Value: { Ref: 'MessagesTable' } },
      AttachmentsBucketName: { Value: { Ref: 'AttachmentsBucket' } },
    },
  },
};

export default config;
