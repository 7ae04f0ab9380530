import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  apiGatewayConnections,
  documentClient,
  dynamoRateLimiter,
  traced,
  type FrameReplies,
} from '@chat/aws';
import { createEventPublisher, processedEventsGuards } from '@chat/events';
import { blockReader, membershipReader } from '@chat/memberships';
import {
  COMMON_ENV,
  createLogger,
  lazy,
  metrics,
  optionalEnv,
  positiveIntegerEnv,
  rateLimit,
  requireEnv,
  systemClock,
  ulidIds,
  type Metrics,
} from '@chat/runtime';
import { monotonicFactory } from 'ulid';
import type {
  ConnectionDirectory,
  IdGenerator,
  MessagingDependencies,
  MessagingLimits,
} from '../use-cases/ports';
import type { ReportDependencies } from '../use-cases/reports';
import { dynamoAttachmentRecords } from './dynamodb-attachments';
import { dynamoConnectionDirectory } from './dynamodb-connections';
import { dynamoMessageStore } from './dynamodb-messages';
import { dynamoReadMarkers } from './dynamodb-read-markers';
import { dynamoReports } from './dynamodb-reports';
import { dynamoSearchIndex } from './dynamodb-search-index';
import { dynamoUserContent } from './dynamodb-user-content';
import { ENV, ERASURE_TIMEOUT_SECONDS } from './names';
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
const blocks = lazy(() => blockReader(documentClient(), requireEnv(ENV.blocksTable)));
/** Each limit is read when first used, so a function only needs the variables of the limits it checks. */
const limiter = lazy(() => dynamoRateLimiter(documentClient(), requireEnv(ENV.rateLimitsTable)));
const limitOf = (action: string, limit: string, windowSeconds: string) =>
  lazy(() => rateLimit(action, positiveIntegerEnv(limit), positiveIntegerEnv(windowSeconds)));
const sendLimit = limitOf('send', ENV.sendRateLimit, ENV.sendRateWindowSeconds);
const reactionLimit = limitOf('reaction', ENV.reactionRateLimit, ENV.reactionRateWindowSeconds);
const attachmentLimit = limitOf('attachment', ENV.attachmentRateLimit, ENV.attachmentRateWindowSeconds);
const limits: MessagingLimits = {
  get limiter() {
    return limiter();
  },
  get send() {
    return sendLimit();
  },
  get reaction() {
    return reactionLimit();
  },
  get attachment() {
    return attachmentLimit();
  },
};
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

/** The erasure consumer's index reads (a closed account's messages, reactions and read markers). */
export const userContent = lazy(() =>
  dynamoUserContent(documentClient(), {
    messages: requireEnv(ENV.messagesTable),
    reactions: requireEnv(ENV.reactionsTable),
    readMarkers: requireEnv(ENV.readMarkersTable),
  }),
);

export const idempotencyGuard = processedEventsGuards(ENV.processedEventsTable, {
  lockSeconds: () => ERASURE_TIMEOUT_SECONDS,
});

const reports = lazy(() => dynamoReports(documentClient(), requireEnv(ENV.reportsTable)));

/** What the report routes reach on AWS (built when first read, like messagingDependencies). */
export const reportDependencies: ReportDependencies = {
  clock: systemClock,
  reportId: () => ulidIds.next(),
  get memberships() {
    return memberships();
  },
  get messages() {
    return messages();
  },
  get reports() {
    return reports();
  },
};

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
  limits,
  get blocks() {
    return blocks();
  },
  get replies() {
    return replies();
  },
};
