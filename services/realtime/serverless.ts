import type { AWS } from '@serverless/typescript';
import {
  allow,
  attachedProvider,
  dynamoTable,
  eventFunction,
  failuresQueue,
  handlerPath,
  HEALTH_PROBE_ID,
  healthRoute,
  httpRoute,
  indexAccess,
  manageConnections,
  onEvents,
  outboxFunction,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  putEvents,
  RATE_LIMITS_TABLE,
  rateLimitsAccess,
  rateLimitsTable,
  serviceBase,
  streamFunction,
  tableAccess,
  tableEnvironment,
  tableRef,
  withOwnRoles,
  type FunctionSpec,
  type IamStatement,
  type StreamSourceOptions,
} from '../../libs/serverless-config/src';
import { withObservability } from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { MEMBERSHIPS_INDEXES } from '../../libs/memberships/src/names';
import { userDeletedContract } from '../../libs/events/src/contracts/user-deleted';
import { eventPattern } from '../../libs/events/src/event-pattern';
import { messageDeletedContract } from '../../libs/events/src/contracts/message-deleted';
import { reactionChangedContract } from '../../libs/events/src/contracts/reaction-changed';
import { messageEditedContract } from '../../libs/events/src/contracts/message-edited';
import { messageSentContract } from '../../libs/events/src/contracts/message-sent';
import { notificationRequestedContract } from '../../libs/events/src/contracts/notification-requested';
import { presenceChangedContract } from '../../libs/events/src/contracts/presence-changed';
import { readMarkerMovedContract } from '../../libs/events/src/contracts/read-marker-moved';
import { userJoinedContract } from '../../libs/events/src/contracts/user-joined';
import { userLeftContract } from '../../libs/events/src/contracts/user-left';
import { userLoggedOutContract } from '../../libs/events/src/contracts/user-logged-out';
import { ENV, INDEXES } from './src/adapters/names';
import { fanOutContinuedPattern } from './src/domain/continuation-pattern';
import { PRESENCE_CHANGE_FILTERS } from './src/domain/presence-filters';

/**
 * chat-realtime: creates the stage's WebSocket API (osls names it `WebsocketsApi`), its connections and presence
 * tables; its HTTP route attaches to the HTTP API created by chat-auth. It fans events out to sockets (EventBridge
 * rules on the stage bus), tracks presence from the connections table's stream and publishes PresenceChanged from
 * the presence table's stream. Cross-service read (read-only): rooms' memberships table (see README, Parameters).
 */
const websocketEndpoint = (scheme: 'wss' | 'https') => ({
  'Fn::Join': [
    '',
    [
      `${scheme}://`,
      { Ref: 'WebsocketsApi' },
      '.execute-api.',
      { Ref: 'AWS::Region' },
      '.amazonaws.com/${sls:stage}',
    ],
  ],
});

const verifier = tokenVerifierAccess();
const eventBus = '${param:eventBusArn}';
const membershipsTableArn = '${param:membershipsTableArn}';

const managementEndpoint = { [ENV.managementEndpoint]: websocketEndpoint('https') };
const post = manageConnections({ logicalId: 'WebsocketsApi' }, ['POST']);
const readMembership = allow(['dynamodb:GetItem'], [membershipsTableArn]);
const queryMembers = allow(['dynamodb:Query'], [membershipsTableArn]);
const queryRoomsOfUser = allow(
  ['dynamodb:Query'],
  [`${membershipsTableArn}/index/${MEMBERSHIPS_INDEXES.byUser}`],
);
const queryConnectionsOfUser = indexAccess('ConnectionsTable', INDEXES.connectionsByUser, ['dynamodb:Query']);
const deleteConnection = tableAccess('ConnectionsTable', ['dynamodb:DeleteItem']);
/** The connection directory: the `connectionIds` of the presence table's per-user summary items. */
const registerConnection = tableAccess('PresenceTable', ['dynamodb:UpdateItem']);
const readDirectory = tableAccess('PresenceTable', ['dynamodb:BatchGetItem']);
const markEventsProcessed = processedEventsAccess();
/** A fan-out: the recipients' connections (directory), posting to them, forgetting gone ones (410). */
const deliver: IamStatement[] = [readDirectory, post, deleteConnection, registerConnection];

/**
 * A consumer's timeout (s), also its idempotency lock. 30 s is ample for a 500-member page; the local benchmark
 * raises it (the local runtime runs each function in one worker, so under overload invocations queue there).
 */
const consumerTimeout = "${env:CHAT_FAN_OUT_TIMEOUT_SECONDS, '30'}";

/** A function run by EventBridge rules on the stage bus, idempotent on eventId. */
function consumer(handler: string, patterns: object[], statements: IamStatement[]): FunctionSpec {
  return {
    handler: handlerPath(handler),
    timeout: consumerTimeout as unknown as number,
    events: onEvents(eventBus, patterns),
    environment: { ...managementEndpoint },
    statements: [markEventsProcessed, ...statements],
  };
}

/** Its stream functions' event sources: partial batch failures, bisecting, bounded retries. */
const streamBatches: StreamSourceOptions = { batchSize: 100, maximumRetryAttempts: 100 };

const { functions, roles } = withOwnRoles({
  health: healthRoute('realtime', { table: 'ConnectionsTable', key: { connectionId: HEALTH_PROBE_ID } }),
  getPresence: httpRoute('GET', '/presence', verifier, {
    handler: 'get-presence',
    // Presence is answered for the users who share a room with the caller: their rooms from the byUser index.
    statements: [tableAccess('PresenceTable', ['dynamodb:BatchGetItem']), queryRoomsOfUser],
  }),
  connect: {
    handler: 'src/handlers/connect.handler',
    events: [{ websocket: { route: '$connect' } }],
    environment: { ...verifier.environment },
    statements: [
      ...verifier.statements,
      // The record; at the cap, whether the entries' records are live, and the record deleted on a refusal.
      tableAccess('ConnectionsTable', ['dynamodb:PutItem', 'dynamodb:BatchGetItem', 'dynamodb:DeleteItem']),
      registerConnection,
      // The directory entry as it stood, when a refused registration did not return it.
      tableAccess('PresenceTable', ['dynamodb:GetItem']),
    ],
  },
  disconnect: {
    handler: 'src/handlers/disconnect.handler',
    events: [{ websocket: { route: '$disconnect' } }],
    statements: [deleteConnection, registerConnection],
  },
  defaultRoute: {
    handler: 'src/handlers/default-route.handler',
    events: [{ websocket: { route: '$default' } }],
    environment: { ...managementEndpoint },
    statements: [post],
  },
  ping: {
    handler: 'src/handlers/ping.handler',
    events: [{ websocket: { route: 'ping' } }],
    environment: { ...managementEndpoint },
    statements: [post, tableAccess('ConnectionsTable', ['dynamodb:UpdateItem'])],
  },
  typing: {
    handler: 'src/handlers/typing.handler',
    events: [{ websocket: { route: 'typing' } }],
    environment: { ...managementEndpoint },
    statements: [
      tableAccess('ConnectionsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      rateLimitsAccess(),
      readMembership,
      queryMembers,
      ...deliver,
    ],
  },
  fanOutRoomEvent: consumer(
    'fan-out-room-event',
    [
      eventPattern(messageSentContract),
      eventPattern(messageEditedContract),
      eventPattern(messageDeletedContract),
      eventPattern(reactionChangedContract),
      eventPattern(userJoinedContract),
      eventPattern(userLeftContract),
      fanOutContinuedPattern,
    ],
    [queryMembers, ...deliver, putEvents(eventBus)],
  ),
  fanOutPresence: consumer(
    'fan-out-presence',
    [eventPattern(presenceChangedContract)],
    [queryRoomsOfUser, queryMembers, ...deliver],
  ),
  notifyUser: consumer('notify-user', [eventPattern(notificationRequestedContract)], deliver),
  // Read receipts: one Query page of the room's members (how many, and who), then the usual delivery.
  fanOutReadReceipt: consumer(
    'fan-out-read-receipt',
    [eventPattern(readMarkerMovedContract)],
    [queryMembers, ...deliver],
  ),
  closeUserConnections: consumer(
    'close-user-connections',
    [eventPattern(userLoggedOutContract)],
    [
      queryConnectionsOfUser,
      manageConnections({ logicalId: 'WebsocketsApi' }, ['DELETE']),
      deleteConnection,
      registerConnection,
    ],
  ),
  // Closing an account (docs/decisions/007-account-closing.md): connections closed and deleted, then presence.
  eraseConnections: {
    ...eventFunction('erase-connections', eventBus, [eventPattern(userDeletedContract)], {
      failureQueue: 'ErasureFailuresQueue',
      timeout: consumerTimeout as unknown as number,
      statements: [
        markEventsProcessed,
        queryConnectionsOfUser,
        manageConnections({ logicalId: 'WebsocketsApi' }, ['DELETE']),
        deleteConnection,
        registerConnection,
        tableAccess('PresenceTable', ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem']),
      ],
    }),
    environment: { ...managementEndpoint },
  },
  trackPresence: streamFunction('track-presence', 'ConnectionsTable', {
    ...streamBatches,
    // The summary read (what the change is decided on); TransactWriteItems is authorized per item action: the
    // marker Put/Update and the summary's Update.
    statements: [
      tableAccess('PresenceTable', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
    ],
  }),
  // Invoked only for the status changes (the records that publish a PresenceChanged), see presence-filters.ts.
  publishPresenceEvents: outboxFunction('publish-presence-events', 'PresenceTable', eventBus, {
    ...streamBatches,
    filterPatterns: PRESENCE_CHANGE_FILTERS,
  }),
});

const config: AWS = {
  ...serviceBase('chat-realtime'),
  provider: attachedProvider({
    websocketsApiRouteSelectionExpression: '$request.body.action',
    environment: {
      ...tableEnvironment({
        [ENV.connectionsTable]: 'ConnectionsTable',
        [ENV.presenceTable]: 'PresenceTable',
        [ENV.processedEventsTable]: PROCESSED_EVENTS_TABLE,
      }),
      [ENV.membershipsTable]: '${param:membershipsTableName}',
      [ENV.connectionTtlSeconds]: "${env:CHAT_CONNECTION_TTL_SECONDS, '7200'}",
      [ENV.fanOutPageSize]: "${env:CHAT_FAN_OUT_PAGE_SIZE, '500'}",
      [ENV.fanOutConcurrency]: "${env:CHAT_FAN_OUT_CONCURRENCY, '25'}",
      [ENV.fanOutTimeoutSeconds]: consumerTimeout,
      [ENV.rateLimitsTable]: { Ref: RATE_LIMITS_TABLE },
      // Stage parameters (API.md "Safety") with the contract's defaults.
      [ENV.maxConnectionsPerUser]: "${param:maxConnectionsPerUser, '20'}",
      [ENV.typingIntervalSeconds]: "${param:typingIntervalSeconds, '2'}",
    },
  }),
  functions,
  resources: {
    Resources: {
      ...roles,
      ConnectionsTable: dynamoTable({
        name: 'connections',
        partitionKey: { name: 'connectionId', type: 'S' },
        indexes: [{ name: INDEXES.connectionsByUser, partitionKey: { name: 'userId', type: 'S' } }],
        stream: 'NEW_AND_OLD_IMAGES',
        ttlAttribute: 'expiresAt',
      }),
      PresenceTable: dynamoTable({
        name: 'presence',
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'sk', type: 'S' },
        stream: 'NEW_AND_OLD_IMAGES',
        ttlAttribute: 'expiresAt',
      }),
      [RATE_LIMITS_TABLE]: rateLimitsTable(),
      [PROCESSED_EVENTS_TABLE]: processedEventsTable(),
      ErasureFailuresQueue: failuresQueue(),
    },
    Outputs: {
      WebSocketApiId: { Value: { Ref: 'WebsocketsApi' } },
      WebSocketUrl: { Value: websocketEndpoint('wss') },
      WebSocketManagementEndpoint: { Value: websocketEndpoint('https') },
      // Read by messaging's WebSocket sendMessage route: which user a connection belongs to.
      ConnectionsTableName: { Value: tableRef('ConnectionsTable') },
      ConnectionsTableArn: { Value: { 'Fn::GetAtt': ['ConnectionsTable', 'Arn'] } },
    },
  },
};

/** A fan-out of one page of members should post well within this (alarm on FanOutDuration's p99). */
const FAN_OUT_P99_ALARM_MS = 5_000;

// Metrics, tracing switch, alarms (docs/operations.md).
export default withObservability(config, { webSocketApi: true, fanOutP99Ms: FAN_OUT_P99_ALARM_MS });
