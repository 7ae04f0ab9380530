import type { AWS } from '@serverless/typescript';
import {
  allow,
  attachedProvider,
  dynamoTable,
  putEvents,
  serviceBase,
  streamRead,
  tableAccess,
  withOwnRoles,
  type CfnResource,
  type FunctionSpec,
  type IamStatement,
} from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { idempotencyTableProperties } from '../../libs/events/src/consumer/idempotency-table';
import { userRegisteredContract } from '../../libs/events/src/contracts/user-registered';
import { eventPattern } from '../../libs/events/src/event-pattern';

/**
 * chat-rooms: rooms, DMs, membership and roles. Its routes attach to the stage's HTTP API created by chat-auth;
 * the memberships table is read (read-only) by messaging, realtime and notifications (docs/decisions/003).
 */
const table = (logicalId: string) => ({ Ref: logicalId });
const indexArn = (tableLogicalId: string, index: string) => ({
  'Fn::Sub': `\${${tableLogicalId}.Arn}/index/${index}`,
});

const verifier = tokenVerifierAccess();

/** An authenticated HTTP route: the shared token verifier plus the function's own tables and statements. */
function route(
  key: string,
  method: string,
  path: string,
  tables: Record<string, string>,
  statements: IamStatement[],
): FunctionSpec {
  const handlerFile = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return {
    handler: `src/handlers/${handlerFile}.handler`,
    events: [{ httpApi: { method, path } }],
    environment: {
      ...verifier.environment,
      ...Object.fromEntries(Object.entries(tables).map(([name, logicalId]) => [name, table(logicalId)])),
    },
    statements: [...verifier.statements, ...statements],
  };
}

/** Publishes a table's stream to the bus: the outbox, retried record by record (partial batch failures). */
function outbox(handler: string, tableLogicalId: string): FunctionSpec {
  return {
    handler,
    events: [
      {
        stream: {
          type: 'dynamodb',
          arn: { 'Fn::GetAtt': [tableLogicalId, 'StreamArn'] },
          startingPosition: 'TRIM_HORIZON',
          batchSize: 25,
          maximumRetryAttempts: 10,
          bisectBatchOnFunctionError: true,
          functionResponseType: 'ReportBatchItemFailures',
        },
      },
    ],
    statements: [streamRead(tableLogicalId), putEvents('${param:eventBusArn}')],
  };
}

const ROOMS = { ROOMS_TABLE: 'RoomsTable' };
const MEMBERSHIPS = { MEMBERSHIPS_TABLE: 'MembershipsTable' };
const USERS = { USERS_TABLE: 'UsersTable' };
const get = ['dynamodb:GetItem'];

const { functions, roles } = withOwnRoles({
  health: {
    handler: 'src/handlers/health.handler',
    events: [{ httpApi: { method: 'GET', path: '/health/rooms' } }],
  },
  createRoom: route('createRoom', 'POST', '/rooms', { ...ROOMS, ...MEMBERSHIPS, ...USERS }, [
    tableAccess('RoomsTable', ['dynamodb:PutItem']),
    tableAccess('MembershipsTable', ['dynamodb:PutItem']),
    tableAccess('UsersTable', ['dynamodb:PutItem']),
  ]),
  listRooms: route('listRooms', 'GET', '/rooms', { ...ROOMS, ...MEMBERSHIPS }, [
    allow(['dynamodb:Query'], [indexArn('RoomsTable', 'publicByRecency')]),
  ]),
  listMyRooms: route('listMyRooms', 'GET', '/rooms/mine', { ...ROOMS, ...MEMBERSHIPS }, [
    allow(['dynamodb:Query'], [indexArn('MembershipsTable', 'byUser')]),
    tableAccess('RoomsTable', ['dynamodb:BatchGetItem']),
  ]),
  getRoom: route('getRoom', 'GET', '/rooms/{roomId}', { ...ROOMS, ...MEMBERSHIPS }, [
    tableAccess('RoomsTable', get),
    tableAccess('MembershipsTable', get),
  ]),
  updateRoom: route('updateRoom', 'PATCH', '/rooms/{roomId}', { ...ROOMS, ...MEMBERSHIPS }, [
    tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    tableAccess('MembershipsTable', get),
  ]),
  addMember: route('addMember', 'POST', '/rooms/{roomId}/members', { ...ROOMS, ...MEMBERSHIPS, ...USERS }, [
    tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
    tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  ]),
  removeMember: route(
    'removeMember',
    'DELETE',
    '/rooms/{roomId}/members/{userId}',
    { ...ROOMS, ...MEMBERSHIPS },
    [
      tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      tableAccess('MembershipsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      allow(['dynamodb:Query'], [indexArn('MembershipsTable', 'bySeniority')]),
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
  openDirectMessage: route('openDirectMessage', 'POST', '/dms', { ...ROOMS, ...MEMBERSHIPS, ...USERS }, [
    tableAccess('RoomsTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
    tableAccess('MembershipsTable', ['dynamodb:PutItem']),
    tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:PutItem']),
  ]),
  publishRoomEvents: outbox('src/handlers/publish-room-events.handler', 'RoomsTable'),
  publishMembershipEvents: outbox('src/handlers/publish-membership-events.handler', 'MembershipsTable'),
  rememberRegisteredUser: {
    handler: 'src/handlers/remember-registered-user.handler',
    events: [
      { eventBridge: { eventBus: '${param:eventBusArn}', pattern: eventPattern(userRegisteredContract) } },
    ],
    environment: { USERS_TABLE: table('UsersTable'), PROCESSED_EVENTS_TABLE: table('ProcessedEventsTable') },
    statements: [
      tableAccess('UsersTable', ['dynamodb:PutItem']),
      tableAccess('ProcessedEventsTable', ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    ],
  },
});

/** The memberships table, with the LSIs the shared helper does not build (mentions, owner succession). */
function membershipsTable(): CfnResource {
  const base = dynamoTable({
    name: 'memberships',
    partitionKey: { name: 'roomId', type: 'S' },
    sortKey: { name: 'userId', type: 'S' },
    indexes: [
      { name: 'byUser', partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'roomId', type: 'S' } },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
  });
  const definitions = base.Properties.AttributeDefinitions as {
    AttributeName: string;
    AttributeType: string;
  }[];
  const localIndex = (name: string, sortKey: string) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: 'roomId', KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  });
  return {
    ...base,
    Properties: {
      ...base.Properties,
      AttributeDefinitions: [
        ...definitions,
        { AttributeName: 'username', AttributeType: 'S' },
        { AttributeName: 'seniority', AttributeType: 'S' },
      ],
      LocalSecondaryIndexes: [localIndex('byUsername', 'username'), localIndex('bySeniority', 'seniority')],
    },
  };
}

const config: AWS = {
  ...serviceBase('chat-rooms'),
  provider: attachedProvider(),
  functions,
  resources: {
    Resources: {
      ...roles,
      RoomsTable: dynamoTable({
        name: 'rooms',
        partitionKey: { name: 'roomId', type: 'S' },
        indexes: [
          {
            name: 'publicByRecency',
            partitionKey: { name: 'directory', type: 'S' },
            sortKey: { name: 'createdAt', type: 'S' },
          },
        ],
        stream: 'NEW_AND_OLD_IMAGES',
      }),
      MembershipsTable: membershipsTable(),
      UsersTable: dynamoTable({ name: 'users', partitionKey: { name: 'userId', type: 'S' } }),
      ProcessedEventsTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { ...idempotencyTableProperties('${self:service}-${sls:stage}-processed-events') },
      },
    },
    Outputs: {
      MembershipsTableName: { Value: table('MembershipsTable') },
      MembershipsTableArn: { Value: { 'Fn::GetAtt': ['MembershipsTable', 'Arn'] } },
    },
  },
};

export default config;
