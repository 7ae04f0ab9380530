import type { AWS } from '@serverless/typescript';
import {
  attachedProvider,
  dynamoTable,
  eventFunction,
  failuresQueue,
  HEALTH_PROBE_ID,
  healthRoute,
  httpRoute,
  indexAccess,
  onEvents,
  outboxFunction,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  RATE_LIMITS_TABLE,
  rateLimitParameters,
  rateLimitsAccess,
  rateLimitsTable,
  serviceBase,
  tableAccess,
  tableEnvironment,
  tableRef,
  withOwnRoles,
  type IamStatement,
} from '../../libs/serverless-config/src';
import { withObservability } from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { messageDeletedContract } from '../../libs/events/src/contracts/message-deleted';
import { messageEditedContract } from '../../libs/events/src/contracts/message-edited';
import { messageSentContract } from '../../libs/events/src/contracts/message-sent';
import { userRegisteredContract } from '../../libs/events/src/contracts/user-registered';
import { userDeletedContract } from '../../libs/events/src/contracts/user-deleted';
import { eventPattern } from '../../libs/events/src/event-pattern';
import { ENV, INDEXES } from './src/adapters/names';
import { ROOM_EVENT_FILTERS } from './src/adapters/room-outbox-filters';

/**
 * chat-rooms: rooms, DMs, membership and roles. Its routes attach to the stage's HTTP API created by chat-auth;
 * the memberships table is read (read-only) by messaging, realtime and notifications (docs/decisions/003).
 */
const verifier = tokenVerifierAccess();
const eventBus = '${param:eventBusArn}';

const ROOMS = { [ENV.roomsTable]: 'RoomsTable' };
const MEMBERSHIPS = { [ENV.membershipsTable]: 'MembershipsTable' };
const USERS = { [ENV.usersTable]: 'UsersTable' };
const ACTIVITY = { [ENV.roomActivityTable]: 'RoomActivityTable' };
const BANS = { [ENV.bansTable]: 'BansTable' };
const BLOCKS = { [ENV.blocksTable]: 'BlocksTable' };
const get = ['dynamodb:GetItem'];

/** An authenticated HTTP route: the shared token verifier plus the function's own tables and statements. */
function route(
  key: string,
  method: string,
  path: string,
  tables: Record<string, string>,
  statements: IamStatement[],
) {
  const handler = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return httpRoute(method, path, verifier, { handler, environment: tableEnvironment(tables), statements });
}

/**
 * Publishes a table's stream to the bus: the outbox, retried record by record (partial batch failures); invoked
 * only for the records that match `filterPatterns`, when given.
 */
const outbox = (handler: string, tableLogicalId: string, filterPatterns?: object[]) =>
  outboxFunction(handler, tableLogicalId, eventBus, {
    batchSize: 25,
    maximumRetryAttempts: 10,
    ...(filterPatterns ? { filterPatterns } : {}),
  });

const { functions, roles } = withOwnRoles({
  health: healthRoute('rooms', { table: 'RoomsTable', key: { roomId: HEALTH_PROBE_ID } }),
  createRoom: route(
    'createRoom',
    'POST',
    '/rooms',
    { ...ROOMS, ...MEMBERSHIPS, ...USERS, [ENV.rateLimitsTable]: RATE_LIMITS_TABLE },
    [
      rateLimitsAccess(),
      tableAccess('RoomsTable', ['dynamodb:PutItem']),
      tableAccess('MembershipsTable', ['dynamodb:PutItem']),
      tableAccess('UsersTable', ['dynamodb:PutItem']),
    ],
  ),
  listRooms: route('listRooms', 'GET', '/rooms', { ...ROOMS, ...MEMBERSHIPS }, [
    indexAccess('RoomsTable', INDEXES.roomsDirectory, ['dynamodb:Query']),
  ]),
  listMyRooms: route('listMyRooms', 'GET', '/rooms/mine', { ...ROOMS, ...MEMBERSHIPS, ...ACTIVITY }, [
    indexAccess('MembershipsTable', INDEXES.memberships.byUser, ['dynamodb:Query']),
    tableAccess('RoomsTable', ['dynamodb:BatchGetItem']),
    tableAccess('RoomActivityTable', ['dynamodb:BatchGetItem']),
  ]),
  getRoom: route('getRoom', 'GET', '/rooms/{roomId}', { ...ROOMS, ...MEMBERSHIPS }, [
    tableAccess('RoomsTable', get),
    tableAccess('MembershipsTable', get),
  ]),
  updateRoom: route('updateRoom', 'PATCH', '/rooms/{roomId}', { ...ROOMS, ...MEMBERSHIPS }, [
    tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    tableAccess('MembershipsTable', get),
  ]),
  addMember: route(
    'addMember',
    'POST',
    '/rooms/{roomId}/members',
    { ...ROOMS, ...MEMBERSHIPS, ...USERS, ...BANS },
    [
      tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
      tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
      // The ban check inside the join's transaction.
      tableAccess('BansTable', ['dynamodb:ConditionCheckItem']),
    ],
  ),
  removeMember: route(
    'removeMember',
    'DELETE',
    '/rooms/{roomId}/members/{userId}',
    { ...ROOMS, ...MEMBERSHIPS },
    [
      tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      indexAccess('MembershipsTable', INDEXES.memberships.bySeniority, ['dynamodb:Query']),
    ],
  ),
  changeMemberRole: route(
    'changeMemberRole',
    'PATCH',
    '/rooms/{roomId}/members/{userId}',
    { ...ROOMS, ...MEMBERSHIPS },
    [
      tableAccess('RoomsTable', get),
      tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    ],
  ),
  listMembers: route('listMembers', 'GET', '/rooms/{roomId}/members', { ...ROOMS, ...MEMBERSHIPS }, [
    tableAccess('RoomsTable', get),
    tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:Query']),
  ]),
  openDirectMessage: route(
    'openDirectMessage',
    'POST',
    '/dms',
    { ...ROOMS, ...MEMBERSHIPS, ...USERS, ...BLOCKS },
    [
      tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
      tableAccess('MembershipsTable', ['dynamodb:PutItem']),
      tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
      // Has the peer blocked the caller (consistent GetItem)?
      tableAccess('BlocksTable', get),
    ],
  ),
  // User blocks (docs/decisions/008-rate-limits-and-blocks.md).
  blockUser: route('blockUser', 'PUT', '/users/me/blocks/{userId}', { ...BLOCKS, ...USERS }, [
    tableAccess('BlocksTable', ['dynamodb:PutItem']),
    tableAccess('UsersTable', get),
  ]),
  // Room bans (PUT/DELETE/GET /rooms/{roomId}/bans…): the ban and the member's removal are one transaction.
  banUser: route(
    'banUser',
    'PUT',
    '/rooms/{roomId}/bans/{userId}',
    { ...ROOMS, ...MEMBERSHIPS, ...USERS, ...BANS },
    [
      tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      tableAccess('MembershipsTable', [
        'dynamodb:GetItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ]),
      tableAccess('UsersTable', get),
      tableAccess('BansTable', ['dynamodb:PutItem']),
    ],
  ),
  unbanUser: route(
    'unbanUser',
    'DELETE',
    '/rooms/{roomId}/bans/{userId}',
    { ...ROOMS, ...MEMBERSHIPS, ...BANS },
    [
      tableAccess('RoomsTable', get),
      tableAccess('MembershipsTable', get),
      tableAccess('BansTable', ['dynamodb:DeleteItem']),
    ],
  ),
  listBans: route('listBans', 'GET', '/rooms/{roomId}/bans', { ...ROOMS, ...MEMBERSHIPS, ...BANS }, [
    tableAccess('RoomsTable', get),
    tableAccess('MembershipsTable', get),
    tableAccess('BansTable', ['dynamodb:Query']),
  ]),
  publishBanEvents: outbox('publish-ban-events', 'BansTable'),
  unblockUser: route('unblockUser', 'DELETE', '/users/me/blocks/{userId}', BLOCKS, [
    tableAccess('BlocksTable', ['dynamodb:DeleteItem']),
  ]),
  listBlocks: route('listBlocks', 'GET', '/users/me/blocks', BLOCKS, [
    tableAccess('BlocksTable', ['dynamodb:Query']),
  ]),
  publishBlockEvents: outbox('publish-block-events', 'BlocksTable'),
  // Invoked for new rooms and changes of their details only (not member counts): room-outbox-filters.ts.
  publishRoomEvents: outbox('publish-room-events', 'RoomsTable', ROOM_EVENT_FILTERS),
  publishMembershipEvents: outbox('publish-membership-events', 'MembershipsTable'),
  rememberRegisteredUser: {
    handler: 'src/handlers/remember-registered-user.handler',
    events: onEvents(eventBus, [eventPattern(userRegisteredContract)]),
    environment: tableEnvironment({ ...USERS, [ENV.processedEventsTable]: PROCESSED_EVENTS_TABLE }),
    statements: [tableAccess('UsersTable', ['dynamodb:PutItem']), processedEventsAccess()],
  },
  // Closing an account (docs/decisions/007-account-closing.md): every membership removed as a leave.
  eraseMemberships: {
    ...eventFunction('erase-memberships', eventBus, [eventPattern(userDeletedContract)], {
      failureQueue: 'ErasureFailuresQueue',
      statements: [
        processedEventsAccess(),
        tableAccess('UsersTable', ['dynamodb:DeleteItem']),
        indexAccess('MembershipsTable', INDEXES.memberships.byUser, ['dynamodb:Query']),
        indexAccess('MembershipsTable', INDEXES.memberships.bySeniority, ['dynamodb:Query']),
        tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
        tableAccess('RoomsTable', ['dynamodb:UpdateItem']),
      ],
    }),
    environment: tableEnvironment({
      ...ROOMS,
      ...MEMBERSHIPS,
      ...USERS,
      [ENV.processedEventsTable]: PROCESSED_EVENTS_TABLE,
    }),
  },
  // The room list's last message: a projection of messaging's message events (no guard: idempotent by itself).
  projectRoomActivity: {
    handler: 'src/handlers/project-room-activity.handler',
    events: onEvents(eventBus, [
      eventPattern(messageSentContract),
      eventPattern(messageEditedContract),
      eventPattern(messageDeletedContract),
    ]),
    environment: tableEnvironment(ACTIVITY),
    statements: [tableAccess('RoomActivityTable', ['dynamodb:UpdateItem', 'dynamodb:PutItem'])],
  },
});

const config: AWS = {
  ...serviceBase('chat-rooms'),
  provider: attachedProvider({
    // The room creation limit (API.md "Safety"): stage parameters with the contract's defaults.
    environment: rateLimitParameters(
      'roomCreationRate',
      { limit: ENV.roomCreationRateLimit, windowSeconds: ENV.roomCreationRateWindowSeconds },
      { limit: 10, windowSeconds: 60 },
    ),
  }),
  functions,
  resources: {
    Resources: {
      ...roles,
      RoomsTable: dynamoTable({
        name: 'rooms',
        partitionKey: { name: 'roomId', type: 'S' },
        indexes: [
          {
            name: INDEXES.roomsDirectory,
            partitionKey: { name: 'directory', type: 'S' },
            sortKey: { name: 'createdAt', type: 'S' },
          },
        ],
        stream: 'NEW_AND_OLD_IMAGES',
      }),
      MembershipsTable: dynamoTable({
        name: 'memberships',
        partitionKey: { name: 'roomId', type: 'S' },
        sortKey: { name: 'userId', type: 'S' },
        indexes: [
          {
            name: INDEXES.memberships.byUser,
            partitionKey: { name: 'userId', type: 'S' },
            sortKey: { name: 'roomId', type: 'S' },
          },
        ],
        // Mentions (`@name` in a room) and owner succession.
        localIndexes: [
          { name: INDEXES.memberships.byUsername, sortKey: { name: 'username', type: 'S' } },
          { name: INDEXES.memberships.bySeniority, sortKey: { name: 'seniority', type: 'S' } },
        ],
        stream: 'NEW_AND_OLD_IMAGES',
      }),
      UsersTable: dynamoTable({ name: 'users', partitionKey: { name: 'userId', type: 'S' } }),
      RoomActivityTable: dynamoTable({ name: 'room-activity', partitionKey: { name: 'roomId', type: 'S' } }),
      BansTable: dynamoTable({
        name: 'bans',
        partitionKey: { name: 'roomId', type: 'S' },
        sortKey: { name: 'userId', type: 'S' },
        stream: 'NEW_IMAGE',
      }),
      // Who blocked whom: pk the blocker, sk the blocked user; its stream publishes UserBlocked / UserUnblocked.
      BlocksTable: dynamoTable({
        name: 'blocks',
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'blockedUserId', type: 'S' },
        stream: 'NEW_AND_OLD_IMAGES',
      }),
      [RATE_LIMITS_TABLE]: rateLimitsTable(),
      [PROCESSED_EVENTS_TABLE]: processedEventsTable(),
      ErasureFailuresQueue: failuresQueue(),
    },
    Outputs: {
      MembershipsTableName: { Value: tableRef('MembershipsTable') },
      MembershipsTableArn: { Value: { 'Fn::GetAtt': ['MembershipsTable', 'Arn'] } },
      // Read (GetItem/BatchGetItem only) by messaging (DM posts) and notifications.
      BlocksTableName: { Value: tableRef('BlocksTable') },
      BlocksTableArn: { Value: { 'Fn::GetAtt': ['BlocksTable', 'Arn'] } },
    },
  },
};

// Metrics, tracing switch, alarms (docs/operations.md).
export default withObservability(config);
