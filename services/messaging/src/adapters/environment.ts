import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLogger, optionalEnv, requireEnv } from '@chat/runtime';
import type { ConnectionDirectory, MessagingDependencies } from '../use-cases/ports';
import { apiGatewayReplies, type ReplyChannel } from './api-gateway-replies';
import { dynamoAttachmentRecords } from './dynamodb-attachments';
import { dynamoConnectionDirectory } from './dynamodb-connections';
import { dynamoMembershipReader } from './dynamodb-memberships';
import { dynamoMessageStore } from './dynamodb-messages';
import { dynamoReadMarkers } from './dynamodb-read-markers';
import { attachmentsS3Client, s3ObjectStorage } from './s3-objects';
import { systemClock, ulidIds } from './system';

/** The environment variables of messaging's functions (set in serverless.ts). */
export const MESSAGING_ENV = {
  messagesTable: 'MESSAGES_TABLE',
  clientMessageIdsTable: 'CLIENT_MESSAGE_IDS_TABLE',
  attachmentsTable: 'ATTACHMENTS_TABLE',
  readMarkersTable: 'READ_MARKERS_TABLE',
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  membershipsTable: 'MEMBERSHIPS_TABLE',
  connectionsTable: 'CONNECTIONS_TABLE',
  webSocketManagementEndpoint: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
} as const;

let documentClient: DynamoDBDocumentClient | undefined;

function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

/**
 * A dependency built on first use (SDK clients once per Lambda sandbox), reading its configuration with
 * `requireEnv` then, so a function is only asked for the variables of the adapters it really uses.
 */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

const messages = lazy(() =>
  dynamoMessageStore(dynamo(), {
    messages: requireEnv(MESSAGING_ENV.messagesTable),
    clientMessageIds: requireEnv(MESSAGING_ENV.clientMessageIdsTable),
    attachments: requireEnv(MESSAGING_ENV.attachmentsTable),
  }),
);
const memberships = lazy(() => dynamoMembershipReader(dynamo(), requireEnv(MESSAGING_ENV.membershipsTable)));
const attachments = lazy(() => dynamoAttachmentRecords(dynamo(), requireEnv(MESSAGING_ENV.attachmentsTable)));
const readMarkers = lazy(() => dynamoReadMarkers(dynamo(), requireEnv(MESSAGING_ENV.readMarkersTable)));
const objects = lazy(() =>
  s3ObjectStorage(attachmentsS3Client(), requireEnv(MESSAGING_ENV.attachmentsBucket)),
);
const connections = lazy(() =>
  dynamoConnectionDirectory(dynamo(), requireEnv(MESSAGING_ENV.connectionsTable)),
);
const replies = lazy(() =>
  apiGatewayReplies(
    new ApiGatewayManagementApiClient({ endpoint: requireEnv(MESSAGING_ENV.webSocketManagementEndpoint) }),
  ),
);
const logger = lazy(() => createLogger({ service: optionalEnv('SERVICE_NAME'), component: 'use-cases' }));

/** Everything the use cases and the WebSocket handler reach on AWS. */
export type MessagingEnvironment = MessagingDependencies & {
  connections: ConnectionDirectory;
  replies: ReplyChannel;
};

/**
 * The use cases' dependencies on AWS. Each property is built when first read (never spread this object), so a
 * handler touching only `messages` and `memberships` needs only their tables.
 */
export const messagingDependencies: MessagingEnvironment = {
  clock: systemClock,
  ids: ulidIds,
  get memberships() {
    return memberships();
  },
  get messages() {
    return messages();
  },
  get attachments() {
    return attachments();
  },
  get objects() {
    return objects();
  },
  get readMarkers() {
    return readMarkers();
  },
  get logger() {
    return logger();
  },
  get connections() {
    return connections();
  },
  get replies() {
    return replies();
  },
};
