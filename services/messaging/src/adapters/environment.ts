import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { apiGatewayConnections, documentClient, traced, type FrameReplies } from '@chat/aws';
import { createEventPublisher } from '@chat/events';
import { membershipReader } from '@chat/memberships';
import {
  COMMON_ENV,
  createLogger,
  lazy,
  metrics,
  optionalEnv,
  requireEnv,
  systemClock,
  ulidIds,
  type Metrics,
} from '@chat/runtime';
import { monotonicFactory } from 'ulid';
import type { ConnectionDirectory, IdGenerator, MessagingDependencies } from '../use-cases/ports';
import { dynamoAttachmentRecords } from './dynamodb-attachments';
import { dynamoConnectionDirectory } from './dynamodb-connections';
import { dynamoMessageStore } from './dynamodb-messages';
import { dynamoReadMarkers } from './dynamodb-read-markers';
import { dynamoSearchIndex } from './dynamodb-search-index';
import { ENV } from './names';
import { attachmentsS3Client, s3ObjectStorage } from './s3-objects';

/**
 * A dependency built on first use (SDK clients once per Lambda sandbox), reading its configuration with
 * `requireEnv` then, so a function is only asked for the variables of the adapters it really uses.
 */
const messages = lazy(() =>
  dynamoMessageStore(documentClient(), {
    messages: requireEnv(ENV.messagesTable),
    clientMessageIds: requireEnv(ENV.clientMessageIdsTable),
    attachments: requireEnv(ENV.attachmentsTable),
    roomVersions: requireEnv(ENV.roomVersionsTable),
    // Only the reaction routes read it: the others never ask for the variable.
    get reactions() {
      return requireEnv(ENV.reactionsTable);
    },
  }),
);
const memberships = lazy(() => membershipReader(documentClient(), requireEnv(ENV.membershipsTable)));
const attachments = lazy(() => dynamoAttachmentRecords(documentClient(), requireEnv(ENV.attachmentsTable)));
const readMarkers = lazy(() => dynamoReadMarkers(documentClient(), requireEnv(ENV.readMarkersTable)));
const search = lazy(() => dynamoSearchIndex(documentClient(), requireEnv(ENV.searchIndexTable)));
const objects = lazy(() => s3ObjectStorage(traced(attachmentsS3Client()), requireEnv(ENV.attachmentsBucket)));
const connections = lazy(() => dynamoConnectionDirectory(documentClient(), requireEnv(ENV.connectionsTable)));
const replies = lazy(() =>
  apiGatewayConnections(
    traced(new ApiGatewayManagementApiClient({ endpoint: requireEnv(ENV.webSocketManagementEndpoint) })),
  ),
);
/** The messages table's outbox publisher (the stream function's only dependency). */
export const eventPublisher = lazy(() =>
  createEventPublisher({
    client: traced(new EventBridgeClient({})),
    eventBusName: requireEnv(ENV.eventBusName),
  }),
);
/**
 * Message ids are monotonic ULIDs: strictly increasing within this process even within one millisecond, so a
 * room's messages sort in the order they were sent here. Attachment ids are plain ULIDs.
 */
const monotonicUlid = monotonicFactory();
const messagingIds: IdGenerator = { messageId: () => monotonicUlid(), attachmentId: () => ulidIds.next() };

const logger = lazy(() =>
  createLogger({ service: optionalEnv(COMMON_ENV.serviceName), component: 'use-cases' }),
);

/** Everything the use cases and the WebSocket handler reach on AWS. */
export type MessagingEnvironment = MessagingDependencies & {
  connections: ConnectionDirectory;
  replies: FrameReplies;
};

/**
 * The use cases' dependencies on AWS. Each property is built when first read (never spread this object), so a
 * handler touching only `messages` and `memberships` needs only their tables.
 */
export const messagingDependencies: MessagingEnvironment & { metrics: Metrics } = {
  clock: systemClock,
  metrics,
  ids: messagingIds,
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
  get search() {
    return search();
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
