import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { apiGatewayConnections, documentClient, dynamoRateLimiter, traced } from '@chat/aws';
import { createEventPublisher, processedEventsGuards } from '@chat/events';
import { blockReader, membershipReader } from '@chat/memberships';
import {
  COMMON_ENV,
  createLogger,
  type Factories,
  lazy,
  lazyProperties,
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
import type { IdGenerator, MessagingDependencies, MessagingLimits } from '../use-cases/ports';
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
const messages = /* @__PURE__ */ lazy(() =>
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
const memberships = /* @__PURE__ */ lazy(() =>
  membershipReader(documentClient(), requireEnv(ENV.membershipsTable)),
);
const blocks = /* @__PURE__ */ lazy(() => blockReader(documentClient(), requireEnv(ENV.blocksTable)));
/** Each limit is read when first used, so a function only needs the variables of the limits it checks. */
const limiter = /* @__PURE__ */ lazy(() =>
  dynamoRateLimiter(documentClient(), requireEnv(ENV.rateLimitsTable)),
);
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
const attachments = /* @__PURE__ */ lazy(() =>
  dynamoAttachmentRecords(documentClient(), requireEnv(ENV.attachmentsTable)),
);
const readMarkers = /* @__PURE__ */ lazy(() =>
  dynamoReadMarkers(documentClient(), requireEnv(ENV.readMarkersTable)),
);
const search = /* @__PURE__ */ lazy(() =>
  dynamoSearchIndex(documentClient(), requireEnv(ENV.searchIndexTable)),
);
const objects = /* @__PURE__ */ lazy(() =>
  s3ObjectStorage(traced(attachmentsS3Client()), requireEnv(ENV.attachmentsBucket)),
);
const connections = /* @__PURE__ */ lazy(() =>
  dynamoConnectionDirectory(documentClient(), requireEnv(ENV.connectionsTable)),
);
const replies = /* @__PURE__ */ lazy(() =>
  apiGatewayConnections(
    traced(new ApiGatewayManagementApiClient({ endpoint: requireEnv(ENV.webSocketManagementEndpoint) })),
  ),
);
/** The messages table's outbox publisher (the stream function's only dependency). */
export const eventPublisher = /* @__PURE__ */ lazy(() =>
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

const logger = /* @__PURE__ */ lazy(() =>
  createLogger({ service: optionalEnv(COMMON_ENV.serviceName), component: 'use-cases' }),
);

/** The erasure consumer's index reads (a closed account's messages, reactions and read markers). */
export const userContent = /* @__PURE__ */ lazy(() =>
  dynamoUserContent(documentClient(), {
    messages: requireEnv(ENV.messagesTable),
    reactions: requireEnv(ENV.reactionsTable),
    readMarkers: requireEnv(ENV.readMarkersTable),
  }),
);

export const idempotencyGuard = /* @__PURE__ */ processedEventsGuards(() => ENV.processedEventsTable, {
  lockSeconds: () => ERASURE_TIMEOUT_SECONDS,
});

const reports = /* @__PURE__ */ lazy(() => dynamoReports(documentClient(), requireEnv(ENV.reportsTable)));

/** What the report routes reach on AWS (each built when first read). */
export const reportDependencies = /* @__PURE__ */ lazyProperties<ReportDependencies>({
  clock: () => systemClock,
  reportId: () => () => ulidIds.next(),
  memberships,
  messages,
  reports,
});

/** The ports of the use cases that only reach tables (and the clock, ids, logger, metrics and limits). */
const tablePorts: Factories<Omit<MessagingDependencies, 'objects'> & { metrics: Metrics }> = {
  clock: () => systemClock,
  metrics: () => metrics,
  ids: () => messagingIds,
  memberships,
  messages,
  attachments,
  readMarkers,
  search,
  logger,
  limits: () => limits,
  blocks,
};

/**
 * The use cases' dependencies on AWS, one object per set of clients, so a function's bundle holds only the
 * clients of the object its handler imports (docs/decisions/010-cold-starts.md): `messagingDependencies` for
 * the use cases on tables only, `storageDependencies` for those that also reach the attachments bucket (S3),
 * `socketDependencies` for the WebSocket route (the bucket, realtime's connections and the replies to them).
 * Each property is built when first read (never spread these objects), so a handler touching only `messages`
 * and `memberships` needs only their tables.
 */
export const messagingDependencies = /* @__PURE__ */ lazyProperties(tablePorts);
export const storageDependencies = /* @__PURE__ */ lazyProperties(tablePorts, { objects });
export const socketDependencies = /* @__PURE__ */ lazyProperties(tablePorts, {
  objects,
  connections,
  replies,
});
