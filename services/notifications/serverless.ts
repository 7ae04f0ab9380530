import type { AWS } from '@serverless/typescript';
import {
  allow,
  attachedProvider,
  dynamoTable,
  eventFunction,
  failuresQueue,
  HEALTH_PROBE_ID,
  healthRoute,
  httpRoute,
  indexAccess,
  onEvents,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  putEvents,
  serviceBase,
  streamFunction,
  tableAccess,
  tableEnvironment,
  tableRef,
  withOwnRoles,
  type IamStatement,
} from '../../libs/serverless-config/src';
import { withObservability } from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { messageSentContract } from '../../libs/events/src/contracts/message-sent';
import { presenceChangedContract } from '../../libs/events/src/contracts/presence-changed';
import { roomCreatedContract } from '../../libs/events/src/contracts/room-created';
import { roomUpdatedContract } from '../../libs/events/src/contracts/room-updated';
import { userRegisteredContract } from '../../libs/events/src/contracts/user-registered';
import { userDeletedContract } from '../../libs/events/src/contracts/user-deleted';
import { eventPattern } from '../../libs/events/src/event-pattern';
import { ENV, INDEXES } from './src/adapters/names';

/**
 * chat-notifications: mention, reply and DM alerts → in-app inbox, NotificationRequested events and SNS e-mail/push,
 * with preferences. Its routes attach to the stage's HTTP API (chat-auth). It reads rooms' memberships table
 * (read-only, strongly consistent: docs/decisions/003-membership-reads.md). See README.md.
 */
const verifier = tokenVerifierAccess();
const eventBus = '${param:eventBusArn}';
const membershipsTableArn = '${param:membershipsTableArn}';

/** One SNS topic per user: `chat-notifications-<stage>-user-<userId>` (and its subscriptions, `<topic>:<id>`). */
const USER_TOPIC_PREFIX = '${self:service}-${sls:stage}-user-';
const snsArn = (resource: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
});
const userTopics = snsArn(`${USER_TOPIC_PREFIX}*`);
/**
 * The stage's push platform applications, created once per stage by the operator with the APNs / FCM
 * credentials (CloudFormation has no resource type for them; see README, Parameters): `chat-<stage>-apns`
 * (platform APNS) and `chat-<stage>-fcm` (platform GCM).
 */
const platformApplications = {
  apns: snsArn('app/APNS/chat-${sls:stage}-apns'),
  fcm: snsArn('app/GCM/chat-${sls:stage}-fcm'),
};
const platformEndpoints = [
  snsArn('endpoint/APNS/chat-${sls:stage}-apns/*'),
  snsArn('endpoint/GCM/chat-${sls:stage}-fcm/*'),
];

const guardTable = processedEventsAccess();
const devicesByUser = indexAccess('DevicesTable', INDEXES.devicesByUser, ['dynamodb:Query']);
/** Making a user's topic match the projection: the topic, its e-mail and device subscriptions. */
const provisionTopic: IamStatement[] = [
  tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
  devicesByUser,
  tableAccess('DevicesTable', ['dynamodb:UpdateItem']),
  allow(['sns:CreateTopic', 'sns:Subscribe'], [userTopics]),
];

/** An authenticated REST route: the shared token verifier plus the function's own statements. */
const route = (method: string, path: string, handler: string, statements: IamStatement[]) =>
  httpRoute(method, path, verifier, { handler, statements });

/** A consumer of the inbox table's stream: new items only, in order, retried record by record. */
const inboxStreamConsumer = (handler: string, statements: IamStatement[]) =>
  streamFunction(handler, 'InboxTable', {
    batchSize: 10,
    maximumRetryAttempts: 10,
    filterPatterns: [{ eventName: ['INSERT'] }],
    onFailureQueue: 'InboxFailuresQueue',
    statements,
  });

/**
 * MessageSent v1 with at least one mention, a reply (it carries its parent's author), or in a DM room: plain
 * room messages invoke nothing.
 */
const mentionsRepliesOrDirectMessages = {
  ...eventPattern(messageSentContract),
  detail: {
    ...eventPattern(messageSentContract).detail,
    $or: [
      { data: { mentions: [{ exists: true }] } },
      { data: { threadAuthorId: [{ exists: true }] } },
      { data: { roomId: [{ prefix: 'dm_' }] } },
    ],
  },
};

const { functions, roles } = withOwnRoles({
  health: healthRoute('notifications', { table: 'PreferencesTable', key: { userId: HEALTH_PROBE_ID } }),
  listNotifications: route('GET', '/notifications', 'list-notifications', [
    tableAccess('InboxTable', ['dynamodb:Query']),
  ]),
  getPreferences: route('GET', '/notifications/preferences', 'get-preferences', [
    tableAccess('PreferencesTable', ['dynamodb:GetItem']),
  ]),
  putPreferences: route('PUT', '/notifications/preferences', 'put-preferences', [
    tableAccess('PreferencesTable', ['dynamodb:PutItem']),
  ]),
  registerDevice: route('POST', '/notifications/devices', 'register-device', [
    tableAccess('DevicesTable', ['dynamodb:PutItem', 'dynamodb:DeleteItem']),
    ...provisionTopic,
    allow(['sns:Unsubscribe'], [userTopics]),
    allow(['sns:CreatePlatformEndpoint'], [platformApplications.apns, platformApplications.fcm]),
    allow(['sns:SetEndpointAttributes', 'sns:DeleteEndpoint'], platformEndpoints),
  ]),
  notifyMentions: {
    handler: 'src/handlers/notify-mentions.handler',
    events: onEvents(eventBus, [mentionsRepliesOrDirectMessages]),
    statements: [
      allow(['dynamodb:GetItem', 'dynamodb:Query'], [membershipsTableArn]),
      // Who among the recipients blocked the sender (rooms' blocks table, read-only).
      allow(['dynamodb:BatchGetItem'], ['${param:blocksTableArn}']),
      tableAccess('PreferencesTable', ['dynamodb:GetItem']),
      tableAccess('PresenceTable', ['dynamodb:GetItem']),
      tableAccess('InboxTable', ['dynamodb:PutItem']),
      guardTable,
    ],
  },
  rememberUser: {
    handler: 'src/handlers/remember-user.handler',
    events: onEvents(eventBus, [eventPattern(userRegisteredContract)]),
    statements: provisionTopic,
  },
  rememberRoom: {
    handler: 'src/handlers/remember-room.handler',
    events: onEvents(eventBus, [eventPattern(roomCreatedContract), eventPattern(roomUpdatedContract)]),
    statements: [tableAccess('RoomsTable', ['dynamodb:UpdateItem'])],
  },
  trackPresence: {
    handler: 'src/handlers/track-presence.handler',
    events: onEvents(eventBus, [eventPattern(presenceChangedContract)]),
    statements: [tableAccess('PresenceTable', ['dynamodb:UpdateItem'])],
  },
  // Closing an account (docs/decisions/007-account-closing.md): everything kept for the user goes.
  eraseRecipient: eventFunction('erase-recipient', eventBus, [eventPattern(userDeletedContract)], {
    failureQueue: 'ErasureFailuresQueue',
    statements: [
      guardTable,
      tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:DeleteItem']),
      devicesByUser,
      tableAccess('DevicesTable', ['dynamodb:DeleteItem']),
      allow(['sns:Unsubscribe', 'sns:DeleteTopic'], [userTopics]),
      allow(['sns:DeleteEndpoint'], platformEndpoints),
      tableAccess('InboxTable', ['dynamodb:Query', 'dynamodb:BatchWriteItem']),
      tableAccess('PreferencesTable', ['dynamodb:DeleteItem']),
      tableAccess('PresenceTable', ['dynamodb:DeleteItem']),
    ],
  }),
  publishNotificationEvents: inboxStreamConsumer('publish-notification-events', [putEvents(eventBus)]),
  deliverNotifications: inboxStreamConsumer('deliver-notifications', [
    tableAccess('PreferencesTable', ['dynamodb:GetItem']),
    tableAccess('RoomsTable', ['dynamodb:GetItem']),
    ...provisionTopic,
    allow(['sns:Publish'], [userTopics]),
    guardTable,
  ]),
});

const config: AWS = {
  ...serviceBase('chat-notifications'),
  provider: attachedProvider({
    environment: {
      ...tableEnvironment({
        [ENV.inboxTable]: 'InboxTable',
        [ENV.preferencesTable]: 'PreferencesTable',
        [ENV.presenceTable]: 'PresenceTable',
        [ENV.usersTable]: 'UsersTable',
        [ENV.roomsTable]: 'RoomsTable',
        [ENV.devicesTable]: 'DevicesTable',
        [ENV.processedEventsTable]: PROCESSED_EVENTS_TABLE,
      }),
      [ENV.membershipsTable]: '${param:membershipsTableName}',
      [ENV.blocksTable]: '${param:blocksTableName}',
      [ENV.userTopicPrefix]: USER_TOPIC_PREFIX,
      [ENV.apnsApplicationArn]: platformApplications.apns,
      [ENV.fcmApplicationArn]: platformApplications.fcm,
    },
  }),
  functions,
  resources: {
    Resources: {
      ...roles,
      InboxTable: dynamoTable({
        name: 'inbox',
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'sk', type: 'S' },
        stream: 'NEW_IMAGE',
        ttlAttribute: 'expiresAt',
      }),
      PreferencesTable: dynamoTable({ name: 'preferences', partitionKey: { name: 'userId', type: 'S' } }),
      PresenceTable: dynamoTable({ name: 'presence', partitionKey: { name: 'userId', type: 'S' } }),
      UsersTable: dynamoTable({ name: 'users', partitionKey: { name: 'userId', type: 'S' } }),
      RoomsTable: dynamoTable({ name: 'rooms', partitionKey: { name: 'roomId', type: 'S' } }),
      DevicesTable: dynamoTable({
        name: 'devices',
        partitionKey: { name: 'deviceId', type: 'S' },
        indexes: [
          {
            name: INDEXES.devicesByUser,
            partitionKey: { name: 'userId', type: 'S' },
            sortKey: { name: 'registeredAt', type: 'S' },
          },
        ],
      }),
      [PROCESSED_EVENTS_TABLE]: processedEventsTable(),
      InboxFailuresQueue: failuresQueue(),
      ErasureFailuresQueue: failuresQueue(),
    },
    Outputs: {
      InboxTableName: { Value: tableRef('InboxTable') },
    },
  },
};

// Metrics, tracing switch, alarms (docs/operations.md).
export default withObservability(config);
