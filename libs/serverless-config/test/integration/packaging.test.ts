import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lambdaLogicalId, roleLogicalId } from '../../src';
import {
  fakeOutput,
  OUTPUT_REFERENCE,
  paramsWithFakeOutputs,
  readCompose,
  type ComposeService,
} from '../support/compose';
import { packageService, type CfnTemplate, type PackagedService } from '../support/package-service';
import { readZip } from '../support/zip';

/**
 * Packages every service of serverless-compose.yml with osls, with no AWS credentials and the params compose
 * would pass, and checks the generated CloudFormation and artifacts. The tables below are the reviewed
 * contract of each service's infrastructure: a change to a service's serverless.ts shows up here.
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const stage = 'ci';
const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const POST_TO_CONNECTIONS = [...LOGS, 'execute-api:ManageConnections'];
/** What @chat/auth-verifier needs: GetItem on chat-auth's revocations table. */
const VERIFY_TOKENS = ['dynamodb:GetItem'];
const STREAM_TO_BUS = [
  ...LOGS,
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
  'events:PutEvents',
];

/**
 * realtime: a fan-out reads the recipients' connection ids (the presence table's directory, BatchGetItem), posts,
 * and forgets gone connections (deletes the record, unregisters the id).
 */
const REALTIME_DELIVER = [
  'dynamodb:BatchGetItem',
  'execute-api:ManageConnections',
  'dynamodb:DeleteItem',
  'dynamodb:UpdateItem',
];
/** realtime: its consumers' idempotency markers (libs/events createIdempotencyGuard). */
const REALTIME_IDEMPOTENT = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/** messaging: GetItem on rooms' memberships table (read-only, docs/decisions/003-membership-reads.md). */
const MESSAGING_MEMBER = ['dynamodb:GetItem'];
/** messaging: storing a message (REST and WebSocket alike). */
/** A per-user rate-limit check: one conditional UpdateItem on the service's rate-limits table (ADR 008). */
const RATE_LIMIT = ['dynamodb:UpdateItem'];
const MESSAGING_SEND = [
  ...MESSAGING_MEMBER,
  ...RATE_LIMIT,
  'dynamodb:Query', // a DM's members (memberships table, consistent)
  'dynamodb:GetItem', // rooms' blocks table (read-only): did the other DM member block the sender

  'dynamodb:Query', // memberships' byUsername index (mentions)
  'dynamodb:GetItem',
  'dynamodb:UpdateItem', // the room's version counter (room-versions)
  'dynamodb:GetItem',
  'dynamodb:PutItem', // messages
  'dynamodb:GetItem',
  'dynamodb:PutItem', // clientMessageId keys
  'dynamodb:BatchGetItem',
  'dynamodb:UpdateItem', // attachments
  's3:GetObject', // the upload, copied (uploads/)
  's3:PutObject',
  's3:GetObject', // the message's copy, and its HEAD (rooms/)
];

/** notifications: making a user's SNS topic match its projection (users, devices, the topic's subscriptions). */
const NOTIFICATIONS_PROVISION_TOPIC = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem', // users projection (topicArn)
  'dynamodb:Query', // devices' byUser index
  'dynamodb:UpdateItem', // devices (subscriptionArn)
  'sns:CreateTopic',
  'sns:Subscribe',
];
/** notifications: the idempotency guard's processed-events table. */
const NOTIFICATIONS_GUARD = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/** A consumer of UserDeleted: its failure queue (SendMessage), then its guard's processed-events table. */
const ERASURE_CONSUMER = [
  'sqs:SendMessage',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/** Every function of each service, with exactly the IAM actions its own role may perform. */
const functionActions: Record<string, Record<string, string[]>> = {
  auth: {
    health: [...LOGS, 'dynamodb:GetItem'], // one item of its table: health tells the truth
    register: [
      ...LOGS,
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'cognito-idp:AdminConfirmSignUp',
      'cognito-idp:AdminDeleteUser',
    ],
    confirm: LOGS,
    login: [
      ...LOGS,
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ],
    refresh: [...LOGS, 'dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
    logout: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:PutItem'],
    getMe: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem'],
    updateMe: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:UpdateItem'],
    searchUsers: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:Query'],
    publishUserEvents: STREAM_TO_BUS,
    publishLogoutEvents: STREAM_TO_BUS,
    // The profile, the closing write, the pool user disabled.
    closeAccount: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'cognito-idp:AdminDisableUser',
    ],
    eraseAccount: [
      ...LOGS,
      ...ERASURE_CONSUMER,
      'dynamodb:GetItem',
      'dynamodb:DeleteItem', // the profile
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem', // the e-mail claim released, the username claim retired
      'cognito-idp:AdminDeleteUser',
    ],
  },
  realtime: {
    health: [...LOGS, 'dynamodb:GetItem'], // one item of its table: health tells the truth
    getPresence: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:BatchGetItem', 'dynamodb:Query'], // room mates only
    // The record (and, at the connection cap, the entries' records read and the refused one deleted), the
    // directory's conditional ADD, and the directory item when a refusal did not return it.
    connect: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:PutItem',
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
      'dynamodb:GetItem',
    ],
    disconnect: [...LOGS, 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
    defaultRoute: POST_TO_CONNECTIONS,
    ping: [...POST_TO_CONNECTIONS, 'dynamodb:UpdateItem'],
    typing: [
      ...LOGS,
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // connections: the caller's record, its TTL
      ...RATE_LIMIT, // one typing frame per user and room per interval
      'dynamodb:GetItem',
      'dynamodb:Query', // memberships (read-only)
      ...REALTIME_DELIVER,
    ],
    fanOutRoomEvent: [
      ...LOGS,
      ...REALTIME_IDEMPOTENT,
      'dynamodb:Query', // memberships (read-only)
      ...REALTIME_DELIVER,
      'events:PutEvents', // FanOutContinued
    ],
    fanOutPresence: [
      ...LOGS,
      ...REALTIME_IDEMPOTENT,
      'dynamodb:Query',
      'dynamodb:Query',
      ...REALTIME_DELIVER,
    ],
    notifyUser: [...LOGS, ...REALTIME_IDEMPOTENT, ...REALTIME_DELIVER],
    fanOutReadReceipt: [
      ...LOGS,
      ...REALTIME_IDEMPOTENT,
      'dynamodb:Query', // memberships (read-only): how many members, and who
      ...REALTIME_DELIVER,
    ],
    closeUserConnections: [
      ...LOGS,
      ...REALTIME_IDEMPOTENT,
      'dynamodb:Query', // connections' byUserId index (when each opened)
      'execute-api:ManageConnections', // DELETE
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
    ],
    trackPresence: [
      ...STREAM_TO_BUS.filter((action) => action !== 'events:PutEvents'),
      'dynamodb:GetItem', // the user's presence summary, read before the one transaction (decision record 013)
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ],
    publishPresenceEvents: STREAM_TO_BUS,
    eraseConnections: [
      ...LOGS,
      ...ERASURE_CONSUMER,
      'dynamodb:Query', // connections' byUserId index
      'execute-api:ManageConnections', // DELETE
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:BatchWriteItem', // the presence partition
    ],
  },

  rooms: {
    health: [...LOGS, 'dynamodb:GetItem'], // one item of its table: health tells the truth
    createRoom: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...RATE_LIMIT,
      'dynamodb:PutItem',
      'dynamodb:PutItem',
      'dynamodb:PutItem',
    ],
    listRooms: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:Query'],
    listMyRooms: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:Query',
      'dynamodb:BatchGetItem', // rooms
      'dynamodb:BatchGetItem', // room-activity projection
    ],
    getRoom: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem', 'dynamodb:GetItem'],
    updateRoom: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem'],
    addMember: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // rooms: memberCount
      'dynamodb:GetItem',
      'dynamodb:PutItem', // memberships
      'dynamodb:GetItem',
      'dynamodb:PutItem', // users projection
      'dynamodb:ConditionCheckItem', // bans: checked in the join's transaction
    ],
    removeMember: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // rooms: memberCount, owner, archive
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem', // memberships: removal marker, delete, successor
      'dynamodb:Query', // memberships' bySeniority index
    ],
    changeMemberRole: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ],
    listMembers: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
    openDirectMessage: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:GetItem', // blocks: has the peer blocked the caller
    ],
    blockUser: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:PutItem', 'dynamodb:GetItem'],
    unblockUser: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:DeleteItem'],
    listBlocks: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:Query'],
    publishBlockEvents: STREAM_TO_BUS,
    publishRoomEvents: STREAM_TO_BUS,
    publishMembershipEvents: STREAM_TO_BUS,
    rememberRegisteredUser: [
      ...LOGS,
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
    projectRoomActivity: [...LOGS, 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    banUser: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // rooms: memberCount
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem', // memberships: the removal, or not a member
      'dynamodb:GetItem', // users projection
      'dynamodb:PutItem', // bans
    ],
    unbanUser: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'],
    listBans: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
    publishBanEvents: STREAM_TO_BUS,
    eraseMemberships: [
      ...LOGS,
      ...ERASURE_CONSUMER,
      'dynamodb:DeleteItem', // users projection
      'dynamodb:Query', // memberships' byUser index
      'dynamodb:Query', // memberships' bySeniority index
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem', // rooms: memberCount, owner, archive
    ],
  },
  messaging: {
    health: [...LOGS, 'dynamodb:GetItem'], // one item of its table: health tells the truth
    sendMessage: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_SEND],
    socketSendMessage: [...LOGS, 'dynamodb:GetItem', ...MESSAGING_SEND, 'execute-api:ManageConnections'],
    // The cursor message (GetItem), then the messages' bySeq index.
    listMessages: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:GetItem', 'dynamodb:Query'],
    // The room's version (room-versions GetItem), then the messages' byVersion index.
    listChanges: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:GetItem', 'dynamodb:Query'],
    editMessage: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // room-versions
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ],
    deleteMessage: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // room-versions
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      's3:DeleteObject',
    ],
    createAttachment: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      ...RATE_LIMIT,
      'dynamodb:PutItem',
      's3:PutObject',
    ],
    getAttachment: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      'dynamodb:GetItem',
      's3:GetObject', // an upload not sent yet
      's3:GetObject', // a sent message's copy
    ],
    markRead: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
    getUnread: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:Query', 'dynamodb:GetItem'],
    getUnreads: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:Query', 'dynamodb:BatchGetItem'],
    listReceipts: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:Query'], // read-markers' byRoom
    publishReadMarkerEvents: [...STREAM_TO_BUS, 'sqs:SendMessage'],
    publishMessageEvents: [...STREAM_TO_BUS, 'sqs:SendMessage'],
    // The room's counter, the message, the user's reaction record (read; put or delete; a Query to list users again).
    addReaction: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      ...RATE_LIMIT,
      ...['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      ...['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      ...['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    ],
    removeReaction: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      ...RATE_LIMIT,
      ...['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      ...['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      ...['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
    ],
    // The parent and the cursor message, then the messages' byThread index.
    listReplies: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:GetItem', 'dynamodb:Query'],
    // The search index's postings, then the candidate messages.
    searchRoom: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:Query', 'dynamodb:BatchGetItem'],
    // Also the caller's rooms (memberships' byUser index).
    searchMyRooms: [
      ...LOGS,
      ...VERIFY_TOKENS,
      ...MESSAGING_MEMBER,
      'dynamodb:Query',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
    ],
    reportMessage: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:GetItem', 'dynamodb:PutItem'],
    listReports: [...LOGS, ...VERIFY_TOKENS, ...MESSAGING_MEMBER, 'dynamodb:Query'], // reports' byTime
    publishReportEvents: [...STREAM_TO_BUS, 'sqs:SendMessage'],
    eraseUserContent: [
      ...LOGS,
      ...ERASURE_CONSUMER,
      'dynamodb:Query', // messages' bySender index
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // room-versions
      'dynamodb:GetItem',
      'dynamodb:UpdateItem', // messages
      'dynamodb:DeleteItem',
      's3:DeleteObject', // attachments
      'dynamodb:Query', // reactions' byUser index
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:DeleteItem', // reactions
      'dynamodb:Query',
      'dynamodb:BatchWriteItem', // read markers
    ],
    // Thread summaries (the parent, the reply's mark) and the search index, from the messages stream.
    projectMessages: [
      ...LOGS,
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'sqs:SendMessage',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
    ],
  },
  notifications: {
    health: [...LOGS, 'dynamodb:GetItem'], // one item of its table: health tells the truth
    listNotifications: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:Query'],
    getPreferences: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:GetItem'],
    putPreferences: [...LOGS, ...VERIFY_TOKENS, 'dynamodb:PutItem'],
    registerDevice: [
      ...LOGS,
      ...VERIFY_TOKENS,
      'dynamodb:PutItem',
      'dynamodb:DeleteItem', // devices
      ...NOTIFICATIONS_PROVISION_TOPIC,
      'sns:Unsubscribe',
      'sns:CreatePlatformEndpoint',
      'sns:SetEndpointAttributes',
      'sns:DeleteEndpoint',
    ],
    notifyMentions: [
      ...LOGS,
      'dynamodb:GetItem',
      'dynamodb:Query', // rooms' memberships table (read-only)
      'dynamodb:BatchGetItem', // rooms' blocks table (read-only): who blocked the sender
      'dynamodb:GetItem', // preferences
      'dynamodb:GetItem', // presence
      'dynamodb:PutItem', // inbox
      ...NOTIFICATIONS_GUARD,
    ],
    rememberUser: [...LOGS, ...NOTIFICATIONS_PROVISION_TOPIC],
    rememberRoom: [...LOGS, 'dynamodb:UpdateItem'],
    trackPresence: [...LOGS, 'dynamodb:UpdateItem'],
    publishNotificationEvents: [...STREAM_TO_BUS, 'sqs:SendMessage'],
    deliverNotifications: [
      ...STREAM_TO_BUS.filter((action) => action !== 'events:PutEvents'),
      'sqs:SendMessage',
      'dynamodb:GetItem', // preferences
      'dynamodb:GetItem', // rooms projection
      ...NOTIFICATIONS_PROVISION_TOPIC,
      'sns:Publish',
      ...NOTIFICATIONS_GUARD,
    ],
    eraseRecipient: [
      ...LOGS,
      ...ERASURE_CONSUMER,
      'dynamodb:GetItem',
      'dynamodb:DeleteItem', // users projection
      'dynamodb:Query',
      'dynamodb:DeleteItem', // devices
      'sns:Unsubscribe',
      'sns:DeleteTopic',
      'sns:DeleteEndpoint',
      'dynamodb:Query',
      'dynamodb:BatchWriteItem', // inbox
      'dynamodb:DeleteItem', // preferences
      'dynamodb:DeleteItem', // presence projection
    ],
  },
};

const httpRoutes: Record<string, string[]> = {
  auth: [
    'GET /health/auth',
    'POST /auth/register',
    'POST /auth/confirm',
    'POST /auth/login',
    'POST /auth/refresh',
    'POST /auth/logout',
    'GET /users/me',
    'PATCH /users/me',
    'GET /users',
    'DELETE /users/me',
  ],
  realtime: ['GET /health/realtime', 'GET /presence'],
  rooms: [
    'GET /health/rooms',
    'POST /rooms',
    'GET /rooms',
    'GET /rooms/mine',
    'GET /rooms/{roomId}',
    'PATCH /rooms/{roomId}',
    'POST /rooms/{roomId}/members',
    'DELETE /rooms/{roomId}/members/{userId}',
    'PATCH /rooms/{roomId}/members/{userId}',
    'GET /rooms/{roomId}/members',
    'POST /dms',
    'PUT /rooms/{roomId}/bans/{userId}',
    'DELETE /rooms/{roomId}/bans/{userId}',
    'GET /rooms/{roomId}/bans',
    'PUT /users/me/blocks/{userId}',
    'DELETE /users/me/blocks/{userId}',
    'GET /users/me/blocks',
  ],
  messaging: [
    'GET /health/messaging',
    'POST /rooms/{roomId}/messages',
    'GET /rooms/{roomId}/messages',
    'GET /rooms/{roomId}/changes',
    'PATCH /rooms/{roomId}/messages/{messageId}',
    'DELETE /rooms/{roomId}/messages/{messageId}',
    'PUT /rooms/{roomId}/messages/{messageId}/reactions/{reaction}',
    'DELETE /rooms/{roomId}/messages/{messageId}/reactions/{reaction}',
    'GET /rooms/{roomId}/messages/{messageId}/replies',
    'GET /rooms/{roomId}/search',
    'GET /search',
    'POST /rooms/{roomId}/attachments',
    'GET /rooms/{roomId}/attachments/{attachmentId}',
    'PUT /rooms/{roomId}/read',
    'GET /rooms/{roomId}/unread',
    'GET /unread',
    'GET /rooms/{roomId}/receipts',
    'POST /rooms/{roomId}/messages/{messageId}/reports',
    'GET /rooms/{roomId}/reports',
  ],
  notifications: [
    'GET /health/notifications',
    'GET /notifications',
    'GET /notifications/preferences',
    'PUT /notifications/preferences',
    'POST /notifications/devices',
  ],
};

const webSocketRoutes: Record<string, string[]> = {
  realtime: ['$connect', '$disconnect', '$default', 'ping', 'typing'],
};

/** Routes a service attaches to the WebSocket API another service created (given as a param). */
const attachedWebSocketRoutes: Record<string, { api: string; routes: string[] }> = {
  messaging: { api: fakeOutput('realtime', 'WebSocketApiId'), routes: ['sendMessage'] },
};

const requiredOutputs: Record<string, string[]> = {
  auth: [
    'HttpApiId',
    'HttpApiUrl',
    'EventBusName',
    'EventBusArn',
    'UserPoolId',
    'UserPoolArn',
    'UserPoolClientId',
    'RevocationsTableName',
    'RevocationsTableArn',
    'AlarmsTopicArn', // the stage's alarm topic, every other service's alarms notify it
  ],
  realtime: [
    'WebSocketApiId',
    'WebSocketUrl',
    'WebSocketManagementEndpoint',
    'ConnectionsTableName', // read by messaging's sendMessage route
    'ConnectionsTableArn',
  ],
  rooms: ['MembershipsTableName', 'MembershipsTableArn'], // read by messaging, realtime, notifications
};

interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown[];
}

function resourcesOfType(template: CfnTemplate, type: string): [string, Record<string, unknown>][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties]);
}

/** Where a service's alarms notify: the topic chat-auth creates, the others get its ARN from compose. */
const alarmTopic = (key: string) =>
  key === 'auth' ? { Ref: 'AlarmsTopic' } : fakeOutput('auth', 'AlarmsTopicArn');

function roleStatements(template: CfnTemplate, roleId: string): Statement[] {
  const policies = template.Resources[roleId]?.Properties.Policies as {
    PolicyDocument: { Statement: Statement[] };
  }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

const compose = readCompose(repoRoot);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'chat-packaging-'));
const packaged = new Map<string, PackagedService>();

function packagedService(key: string): PackagedService {
  const result = packaged.get(key);
  if (!result) throw new Error(`service ${key} was not packaged`);
  return result;
}

beforeAll(async () => {
  const results = await Promise.all(
    compose.map(async (service: ComposeService) => {
      const result = await packageService(path.join(repoRoot, service.path), {
        repoRoot,
        stage,
        params: paramsWithFakeOutputs(service),
        outDir: path.join(scratch, service.key),
        // Five packagings side by side, each minifying its bundles and installing the Tracer beside them: minutes
        // on a loaded 2-core machine.
        timeoutMs: 540_000,
      });
      return [service.key, result] as const;
    }),
  );
  for (const [key, result] of results) packaged.set(key, result);
}, 570_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('serverless-compose.yml', () => {
  it('lists the five services', () => {
    expect(compose.map((service) => service.key).sort()).toEqual(Object.keys(functionActions).sort());
  });

  it('references only outputs that the referenced service really declares', () => {
    const references = compose.flatMap((service) =>
      Object.values(service.params).flatMap((value) => [...value.matchAll(OUTPUT_REFERENCE)]),
    );

    expect(references.length).toBeGreaterThan(0);
    for (const [, key, output] of references) {
      expect({ key, output, declared: Object.keys(packagedService(String(key)).template.Outputs) }).toEqual({
        key,
        output,
        declared: expect.arrayContaining([output]),
      });
    }
  });
});

describe.each(Object.keys(functionActions))('the %s service package', (key) => {
  const template = () => packagedService(key).template;
  const serviceName = `chat-${key}`;

  it('has exactly the expected functions, each on Node.js 20 arm64 with its service name', () => {
    const functions = resourcesOfType(template(), 'AWS::Lambda::Function');

    expect(functions.map(([logicalId]) => logicalId).sort()).toEqual(
      Object.keys(functionActions[key] ?? {})
        .map(lambdaLogicalId)
        .sort(),
    );
    for (const [, properties] of functions) {
      expect(properties).toMatchObject({
        Runtime: 'nodejs20.x',
        Architectures: ['arm64'],
        Environment: { Variables: expect.objectContaining({ SERVICE_NAME: serviceName, STAGE: stage }) },
      });
    }
  });

  it('gives every function its own role allowing only its listed actions, on specific resources', () => {
    expect(template().Resources.IamRoleLambdaExecution).toBeUndefined();
    for (const [functionKey, actions] of Object.entries(functionActions[key] ?? {})) {
      const fn = template().Resources[lambdaLogicalId(functionKey)];
      expect(fn?.Properties.Role).toEqual({ 'Fn::GetAtt': [roleLogicalId(functionKey), 'Arn'] });

      const statements = roleStatements(template(), roleLogicalId(functionKey));

      expect(statements.flatMap((statement) => statement.Action).sort()).toEqual([...actions].sort());
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Action.filter((action) => action.includes('*'))).toEqual([]);
        expect(
          statement.Resource.filter((resource) => typeof resource === 'string' && resource.includes('*')),
        ).toEqual([]);
      }
      expect(statements[0]?.Resource).toEqual([
        { 'Fn::GetAtt': [`${lambdaLogicalId(functionKey).replace(/LambdaFunction$/, '')}LogGroup`, 'Arn'] },
      ]);
    }
  });

  it('puts its HTTP routes on the stage HTTP API (created by auth, attached by id elsewhere)', () => {
    const routes = resourcesOfType(template(), 'AWS::ApiGatewayV2::Route').filter(
      ([, properties]) =>
        !String(properties.RouteKey).startsWith('$') &&
        !webSocketRoutes[key]?.includes(String(properties.RouteKey)) &&
        !attachedWebSocketRoutes[key]?.routes.includes(String(properties.RouteKey)),
    );
    const expectedApiId = key === 'auth' ? { Ref: 'HttpApi' } : fakeOutput('auth', 'HttpApiId');

    expect(routes.map(([, properties]) => properties.RouteKey).sort()).toEqual(
      [...(httpRoutes[key] ?? [])].sort(),
    );
    for (const [, properties] of routes) expect(properties.ApiId).toEqual(expectedApiId);
    expect(template().Resources.HttpApi === undefined).toBe(key !== 'auth');
  });

  it('has the expected WebSocket routes, on its own WebSocket API', () => {
    const apis = resourcesOfType(template(), 'AWS::ApiGatewayV2::Api').filter(
      ([, p]) => p.ProtocolType === 'WEBSOCKET',
    );
    const routes = resourcesOfType(template(), 'AWS::ApiGatewayV2::Route').filter(
      ([, properties]) => JSON.stringify(properties.ApiId) === JSON.stringify({ Ref: 'WebsocketsApi' }),
    );

    expect(routes.map(([, properties]) => properties.RouteKey).sort()).toEqual(
      [...(webSocketRoutes[key] ?? [])].sort(),
    );
    expect(apis.length).toBe(webSocketRoutes[key] ? 1 : 0);
    for (const [, properties] of apis)
      expect(properties.RouteSelectionExpression).toBe('$request.body.action');
  });

  it('alarms on every failure queue holding a message, on its stage’s alarm topic', () => {
    const queues = resourcesOfType(template(), 'AWS::SQS::Queue').map(([logicalId]) => logicalId);
    // Failed batches of stream mappings and failed events of asynchronous invocations (EventBridge targets).
    const destinations = [
      ...resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping'),
      ...resourcesOfType(template(), 'AWS::Lambda::EventInvokeConfig'),
    ].flatMap(([, p]) => {
      const destination = (
        p.DestinationConfig as { OnFailure?: { Destination?: { 'Fn::GetAtt'?: string[] } } }
      )?.OnFailure?.Destination?.['Fn::GetAtt']?.[0];
      return destination ? [destination] : [];
    });
    const alarms = resourcesOfType(template(), 'AWS::CloudWatch::Alarm').map(([, p]) => p);

    expect(queues.sort()).toEqual([...new Set(destinations)].sort());
    for (const queue of queues) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [alarmTopic(key)],
        }),
      );
    }
  });

  it('alarms on every function’s errors and throttles', () => {
    const alarms = resourcesOfType(template(), 'AWS::CloudWatch::Alarm').map(([, p]) => p);

    for (const functionKey of Object.keys(functionActions[key] ?? {})) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms).toContainEqual(
          expect.objectContaining({
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaLogicalId(functionKey) } }],
            Threshold: 0,
            AlarmActions: [alarmTopic(key)],
            OKActions: [alarmTopic(key)],
          }),
        );
      }
    }
    for (const alarm of alarms) expect(String(alarm.AlarmDescription)).toContain('docs/operations.md#');
  });

  it('gives every function the metrics namespace of its stage and leaves tracing off unless the stage asks', () => {
    for (const [, properties] of resourcesOfType(template(), 'AWS::Lambda::Function')) {
      expect(properties).toMatchObject({
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_METRICS_NAMESPACE: 'Chat/ci',
            CHAT_TRACING: 'PassThrough',
            LOG_LEVEL: 'info',
          }),
        },
        TracingConfig: { Mode: 'PassThrough' },
      });
    }
    expect(template().Conditions?.TracingActive).toEqual({ 'Fn::Equals': ['PassThrough', 'Active'] });
  });

  it('declares the outputs other services are wired to', () => {
    expect(Object.keys(template().Outputs)).toEqual(expect.arrayContaining(requiredOutputs[key] ?? []));
  });

  it('ships minified bundles with source maps and the AWS SDK inside; beside them only the Tracer (decision record 010)', () => {
    const { zips } = packagedService(key);

    expect([...zips.keys()].sort()).toEqual(
      Object.keys(functionActions[key] ?? {})
        .map((f) => `${f}.zip`)
        .sort(),
    );
    for (const zipFile of zips.values()) {
      const files = readZip(zipFile);
      const names = [...files.keys()];
      expect(names).toContain('node_modules/@aws-lambda-powertools/tracer/package.json');
      // No SDK client is installed beside the bundle: the bundle holds the ones it uses.
      expect(names.filter((name) => /^node_modules\/@aws-sdk\/client-/.test(name))).toEqual([]);
      expect(names.some((name) => name.endsWith('.js.map'))).toBe(true);
      for (const [name, content] of files) {
        if (!name.endsWith('.js') || name.startsWith('node_modules/')) continue;
        const code = content.toString('utf8');
        expect(code).not.toMatch(/require\("@aws-sdk\/client-/);
        // Minified: long lines (a readable bundle averages well under 100 characters a line).
        expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      }
    }
  });
});

describe('the realtime service package', () => {
  const template = () => packagedService('realtime').template;

  it('creates the connections table keyed by connectionId with a userId index, TTL and a stream', () => {
    expect(template().Resources.ConnectionsTable?.Properties).toEqual({
      TableName: 'chat-realtime-ci-connections',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'connectionId', AttributeType: 'S' },
        { AttributeName: 'userId', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byUserId',
          KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('lets the posting functions post only to connections of its own API and stage', () => {
    for (const functionKey of [
      'ping',
      'defaultRoute',
      'typing',
      'fanOutRoomEvent',
      'fanOutPresence',
      'notifyUser',
    ]) {
      const statement = roleStatements(template(), roleLogicalId(functionKey)).find((s) =>
        s.Action.includes('execute-api:ManageConnections'),
      );

      expect(statement?.Resource).toEqual([
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketsApi}/ci/POST/@connections/*',
        },
      ]);
    }
  });

  it('tells the posting functions the management endpoint of its own API', () => {
    const env = template().Resources[lambdaLogicalId('ping')]?.Properties.Environment as {
      Variables: Record<string, unknown>;
    };

    expect(env.Variables.WEBSOCKET_MANAGEMENT_ENDPOINT).toEqual({
      'Fn::Join': [
        '',
        ['https://', { Ref: 'WebsocketsApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com/ci'],
      ],
    });
  });

  it('bundles the API Gateway management client into the function', () => {
    const files = readZip(packagedService('realtime').zips.get('ping.zip') ?? '');
    const code = files.get('src/handlers/ping.js')?.toString('utf8') ?? '';

    expect(code).toContain('PostToConnection');
    expect(code).not.toContain('require("@aws-sdk/client-apigatewaymanagementapi")');
  });

  it('lets only the logout and account-erasure consumers close connections (DELETE), of its own API and stage', () => {
    const closing = Object.keys(functionActions.realtime ?? {}).filter((functionKey) =>
      roleStatements(template(), roleLogicalId(functionKey)).some((s) =>
        JSON.stringify(s.Resource).includes('/DELETE/@connections/'),
      ),
    );
    const statement = roleStatements(template(), roleLogicalId('closeUserConnections')).find((s) =>
      s.Action.includes('execute-api:ManageConnections'),
    );

    expect(closing).toEqual(['closeUserConnections', 'eraseConnections']);
    expect(statement?.Resource).toEqual([
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketsApi}/ci/DELETE/@connections/*',
      },
    ]);
  });

  it('creates the presence table (summary and connection markers, TTL, a stream) and the processed-events table', () => {
    expect(template().Resources.PresenceTable?.Properties).toEqual({
      TableName: 'chat-realtime-ci-presence',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'userId', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(template().Resources.ProcessedEventsTable?.Properties).toMatchObject({
      TableName: 'chat-realtime-ci-processed-events',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('reads rooms’ memberships read-only: GetItem, Query of the table and of its byUser index only', () => {
    const memberships = fakeOutput('rooms', 'MembershipsTableArn');
    const onMemberships = Object.keys(functionActions.realtime ?? {}).flatMap((functionKey) =>
      roleStatements(template(), roleLogicalId(functionKey)).filter((s) =>
        s.Resource.some((r) => typeof r === 'string' && r.startsWith(memberships)),
      ),
    );

    expect(new Set(onMemberships.flatMap((s) => s.Action))).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:Query']),
    );
    expect(new Set(onMemberships.flatMap((s) => s.Resource))).toEqual(
      new Set([memberships, `${memberships}/index/byUser`]),
    );
    const env = template().Resources[lambdaLogicalId('fanOutRoomEvent')]?.Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(env.Variables.MEMBERSHIPS_TABLE).toBe(fakeOutput('rooms', 'MembershipsTableName'));
  });

  it('queries connections only through the byUserId index, presence only by a user’s partition (erasure), and no function scans', () => {
    const queries = Object.keys(functionActions.realtime ?? {}).flatMap((functionKey) =>
      roleStatements(template(), roleLogicalId(functionKey))
        .filter((s) => s.Action.includes('dynamodb:Query'))
        .flatMap((s) => s.Resource)
        .filter((r) => typeof r !== 'string'),
    );
    const actions = Object.keys(functionActions.realtime ?? {}).flatMap((key) =>
      roleStatements(template(), roleLogicalId(key)).flatMap((s) => s.Action),
    );

    expect(new Set(queries.map((r) => JSON.stringify(r)))).toEqual(
      new Set([
        JSON.stringify({ 'Fn::Sub': '${ConnectionsTable.Arn}/index/byUserId' }),
        JSON.stringify({ 'Fn::GetAtt': ['PresenceTable', 'Arn'] }), // eraseConnections: the user's partition
      ]),
    );
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('subscribes its consumers to the stage bus with one rule per event version', () => {
    const rules = resourcesOfType(template(), 'AWS::Events::Rule').map(([, p]) => p);
    const targetOf = (rule: Record<string, unknown>) =>
      JSON.stringify((rule.Targets as { Arn: unknown }[])[0]?.Arn);
    const patterns = (functionKey: string) =>
      rules
        .filter(
          (rule) =>
            targetOf(rule) === JSON.stringify({ 'Fn::GetAtt': [lambdaLogicalId(functionKey), 'Arn'] }),
        )
        .map((rule) => rule.EventPattern);
    const pattern = (source: string, detailType: string, version = 1) => ({
      source: [source],
      'detail-type': [detailType],
      detail: { metadata: { version: [version] } },
    });

    // An existing bus given by ARN: the rule names the bus (the ARN's last part), as for a real deploy.
    const stageBus = fakeOutput('auth', 'EventBusArn').split('/').pop();
    expect(rules.every((rule) => rule.EventBusName === stageBus)).toBe(true);
    expect(patterns('fanOutRoomEvent')).toEqual([
      pattern('chat.messaging', 'MessageSent'),
      pattern('chat.messaging', 'MessageEdited'),
      pattern('chat.messaging', 'MessageDeleted'),
      pattern('chat.messaging', 'ReactionChanged'),
      pattern('chat.rooms', 'UserJoined'),
      pattern('chat.rooms', 'UserLeft'),
      pattern('chat.realtime', 'FanOutContinued'),
    ]);
    expect(patterns('fanOutPresence')).toEqual([pattern('chat.realtime', 'PresenceChanged')]);
    expect(patterns('notifyUser')).toEqual([pattern('chat.notifications', 'NotificationRequested', 2)]);
    expect(patterns('fanOutReadReceipt')).toEqual([pattern('chat.messaging', 'ReadMarkerMoved')]);
    expect(patterns('closeUserConnections')).toEqual([pattern('chat.auth', 'UserLoggedOut')]);
  });

  it('reads the connections stream into presence and publishes from the presence stream, with partial failures', () => {
    const mappings = resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping').map(([, p]) => p);

    expect(mappings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': ['ConnectionsTable', 'StreamArn'] },
          FunctionName: { 'Fn::GetAtt': [lambdaLogicalId('trackPresence'), 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BisectBatchOnFunctionError: true,
        }),
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': ['PresenceTable', 'StreamArn'] },
          FunctionName: { 'Fn::GetAtt': [lambdaLogicalId('publishPresenceEvents'), 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      ]),
    );
    expect(mappings).toHaveLength(2);
  });
});

describe('the rooms service package', () => {
  const template = () => packagedService('rooms').template;
  const keys = (hash: string, range: string) => [
    { AttributeName: hash, KeyType: 'HASH' },
    { AttributeName: range, KeyType: 'RANGE' },
  ];
  const all = { ProjectionType: 'ALL' };

  it('creates the memberships table: roomId + userId, byUser GSI, byUsername and bySeniority LSIs, a stream', () => {
    expect(template().Resources.MembershipsTable?.Properties).toEqual({
      TableName: 'chat-rooms-ci-memberships',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'roomId', AttributeType: 'S' },
        { AttributeName: 'userId', AttributeType: 'S' },
        { AttributeName: 'username', AttributeType: 'S' },
        { AttributeName: 'seniority', AttributeType: 'S' },
      ],
      KeySchema: keys('roomId', 'userId'),
      GlobalSecondaryIndexes: [{ IndexName: 'byUser', KeySchema: keys('userId', 'roomId'), Projection: all }],
      LocalSecondaryIndexes: [
        { IndexName: 'byUsername', KeySchema: keys('roomId', 'username'), Projection: all },
        { IndexName: 'bySeniority', KeySchema: keys('roomId', 'seniority'), Projection: all },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('creates the rooms table with the sparse public directory index and a stream, and the users projection', () => {
    expect(template().Resources.RoomsTable?.Properties).toMatchObject({
      TableName: 'chat-rooms-ci-rooms',
      KeySchema: [{ AttributeName: 'roomId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        { IndexName: 'publicByRecency', KeySchema: keys('directory', 'createdAt'), Projection: all },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(template().Resources.UsersTable?.Properties).toMatchObject({
      TableName: 'chat-rooms-ci-users',
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
    });
    expect(template().Resources.RoomActivityTable?.Properties).toMatchObject({
      TableName: 'chat-rooms-ci-room-activity',
      KeySchema: [{ AttributeName: 'roomId', KeyType: 'HASH' }],
    });
    expect(template().Resources.ProcessedEventsTable?.Properties).toMatchObject({
      TableName: 'chat-rooms-ci-processed-events',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('outputs the memberships table for the services that check membership', () => {
    expect(template().Outputs.MembershipsTableName?.Value).toEqual({ Ref: 'MembershipsTable' });
    expect(template().Outputs.MembershipsTableArn?.Value).toEqual({
      'Fn::GetAtt': ['MembershipsTable', 'Arn'],
    });
  });

  it('lets each query reach only the one index it reads, and no function scan', () => {
    const queried = (functionKey: string) =>
      roleStatements(template(), roleLogicalId(functionKey))
        .filter((s) => s.Action.includes('dynamodb:Query'))
        .flatMap((s) => s.Resource);

    expect(queried('listRooms')).toEqual([{ 'Fn::Sub': '${RoomsTable.Arn}/index/publicByRecency' }]);
    expect(queried('listMyRooms')).toEqual([{ 'Fn::Sub': '${MembershipsTable.Arn}/index/byUser' }]);
    expect(queried('removeMember')).toEqual([{ 'Fn::Sub': '${MembershipsTable.Arn}/index/bySeniority' }]);
    expect(queried('listMembers')).toEqual([{ 'Fn::GetAtt': ['MembershipsTable', 'Arn'] }]);
    const actions = Object.keys(functionActions.rooms ?? {}).flatMap((key) =>
      roleStatements(template(), roleLogicalId(key)).flatMap((s) => s.Action),
    );
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('relays its four table streams to the bus with partial batch failures', () => {
    const mappings = resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping').map(([, p]) => p);

    expect(mappings).toEqual(
      expect.arrayContaining(
        ['RoomsTable', 'MembershipsTable', 'BansTable', 'BlocksTable'].map((table) =>
          expect.objectContaining({
            EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            BisectBatchOnFunctionError: true,
          }),
        ),
      ),
    );
    expect(mappings).toHaveLength(4);
  });

  it('creates the blocks table (blocker, blocked user; a stream) and the rate-limits table (TTL), and outputs the blocks table', () => {
    expect(template().Resources.BlocksTable?.Properties).toMatchObject({
      TableName: 'chat-rooms-ci-blocks',
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'blockedUserId', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(template().Resources.RateLimitsTable?.Properties).toMatchObject({
      TableName: 'chat-rooms-ci-rate-limits',
      KeySchema: [{ AttributeName: 'limitKey', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(template().Outputs.BlocksTableArn?.Value).toEqual({ 'Fn::GetAtt': ['BlocksTable', 'Arn'] });
  });

  it('consumes UserRegistered v1 into the users projection, UserDeleted into the erasure and the message events into the room activity', () => {
    const rules = resourcesOfType(template(), 'AWS::Events::Rule').map(([, p]) => p);
    const rule = (source: string, detailType: string, functionKey: string) =>
      expect.objectContaining({
        EventBusName: fakeOutput('auth', 'EventBusArn').split('/').pop(),
        EventPattern: expect.objectContaining({ source: [source], 'detail-type': [detailType] }),
        Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [lambdaLogicalId(functionKey), 'Arn'] } })],
      });

    expect(rules).toEqual([
      rule('chat.auth', 'UserRegistered', 'rememberRegisteredUser'),
      rule('chat.auth', 'UserDeleted', 'eraseMemberships'),
      rule('chat.messaging', 'MessageSent', 'projectRoomActivity'),
      rule('chat.messaging', 'MessageEdited', 'projectRoomActivity'),
      rule('chat.messaging', 'MessageDeleted', 'projectRoomActivity'),
    ]);
    expect(rules[0]?.EventPattern).toEqual({
      source: ['chat.auth'],
      'detail-type': ['UserRegistered'],
      detail: { metadata: { version: [1] } },
    });
  });
});

describe('the auth service package', () => {
  const template = () => packagedService('auth').template;

  it('creates the event bus chat-<stage>', () => {
    expect(template().Resources.EventBus).toEqual({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'chat-ci' },
    });
  });

  it('creates a user pool with username sign-in, required e-mail and the password policy', () => {
    expect(template().Resources.UserPool?.Properties).toMatchObject({
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: 'email', Required: true }],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
        },
      },
    });
  });

  it('creates a public app client with password and refresh flows and revocable tokens', () => {
    expect(template().Resources.UserPoolClient?.Properties).toMatchObject({
      UserPoolId: { Ref: 'UserPool' },
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
    });
  });

  it('has no authorizer on its HTTP API (handlers verify tokens themselves)', () => {
    expect(resourcesOfType(template(), 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
  });

  it('creates its tables: users (prefix index, stream), claims, sessions, login attempts, revocations', () => {
    const table = (logicalId: string) => template().Resources[logicalId]?.Properties;

    expect(table('UsersTable')).toMatchObject({
      TableName: 'chat-auth-ci-users',
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byUsername',
          KeySchema: [
            { AttributeName: 'usernameInitial', KeyType: 'HASH' },
            { AttributeName: 'username', KeyType: 'RANGE' },
          ],
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    expect(table('UniqueClaimsTable')).toMatchObject({
      TableName: 'chat-auth-ci-unique-claims',
      KeySchema: [{ AttributeName: 'claim', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table('SessionsTable')).toMatchObject({
      TableName: 'chat-auth-ci-sessions',
      KeySchema: [{ AttributeName: 'sessionId', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table('LoginAttemptsTable')).toMatchObject({
      TableName: 'chat-auth-ci-login-attempts',
      KeySchema: [{ AttributeName: 'username', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table('RevocationsTable')).toMatchObject({
      TableName: 'chat-auth-ci-revocations',
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('lets the token-verifying routes only read the revocations table, besides their own work', () => {
    for (const functionKey of ['logout', 'getMe', 'updateMe', 'searchUsers']) {
      const getItem = roleStatements(template(), roleLogicalId(functionKey)).find(
        (s) =>
          s.Action.includes('dynamodb:GetItem') && JSON.stringify(s.Resource).includes('RevocationsTable'),
      );

      expect(getItem).toEqual({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: [{ 'Fn::GetAtt': ['RevocationsTable', 'Arn'] }],
      });
    }
    const search = roleStatements(template(), roleLogicalId('searchUsers')).find((s) =>
      s.Action.includes('dynamodb:Query'),
    );
    expect(search?.Resource).toEqual([{ 'Fn::Sub': '${UsersTable.Arn}/index/byUsername' }]);
  });

  it('publishes its outbox tables with partial batch failures', () => {
    const mappings = resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping').map(([, p]) => p);

    expect(mappings).toHaveLength(2);
    for (const [table, functionKey] of [
      ['UsersTable', 'publishUserEvents'],
      ['RevocationsTable', 'publishLogoutEvents'],
    ] as const) {
      expect(mappings).toContainEqual(
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
          FunctionName: { 'Fn::GetAtt': [lambdaLogicalId(functionKey), 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      );
    }
  });

  it('does not auto-confirm sign-ups outside the local stage', () => {
    const env = template().Resources[lambdaLogicalId('register')]?.Properties.Environment as {
      Variables: Record<string, unknown>;
    };

    expect(env.Variables.AUTO_CONFIRM_SIGNUP).toBe('false');
  });
});

describe('the messaging service package', () => {
  const template = () => packagedService('messaging').template;
  const statementsOf = (functionKey: string) => roleStatements(template(), roleLogicalId(functionKey));

  it('bundles into each function only the SDK clients its handler reaches (decision record 010)', () => {
    const clientsIn = (functionKey: string, file: string) => {
      const code =
        readZip(packagedService('messaging').zips.get(`${functionKey}.zip`) ?? '')
          .get(`src/handlers/${file}.js`)
          ?.toString('utf8') ?? '';
      expect(code).not.toBe('');
      return {
        s3: code.includes('"CopyObject"'),
        apiGateway: code.includes('PostToConnection'),
        eventBridge: code.includes('"PutEvents"'),
      };
    };

    expect(clientsIn('listMessages', 'list-messages')).toEqual({
      s3: false,
      apiGateway: false,
      eventBridge: false,
    });
    expect(clientsIn('sendMessage', 'send-message')).toEqual({
      s3: true,
      apiGateway: false,
      eventBridge: false,
    });
    expect(clientsIn('socketSendMessage', 'socket-send-message')).toEqual({
      s3: true,
      apiGateway: true,
      eventBridge: false,
    });
    expect(clientsIn('publishMessageEvents', 'publish-message-events')).toEqual({
      s3: false,
      apiGateway: false,
      eventBridge: true,
    });
  });

  it('attaches its sendMessage route to realtime’s WebSocket API, deployed to the same stage', () => {
    const routes = resourcesOfType(template(), 'AWS::ApiGatewayV2::Route').filter(
      ([, properties]) => properties.RouteKey === 'sendMessage',
    );
    const deployments = resourcesOfType(template(), 'AWS::ApiGatewayV2::Deployment');

    expect(routes.map(([, properties]) => properties.ApiId)).toEqual([
      fakeOutput('realtime', 'WebSocketApiId'),
    ]);
    expect(deployments.map(([, properties]) => properties)).toEqual([
      expect.objectContaining({ ApiId: fakeOutput('realtime', 'WebSocketApiId'), StageName: stage }),
    ]);
  });

  it('creates the messages table keyed by room and message id, with the seq, version and thread LSIs and the outbox stream', () => {
    const lsi = (name: string, sortKey: string) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: 'roomId', KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });

    expect(template().Resources.MessagesTable?.Properties).toEqual({
      TableName: 'chat-messaging-ci-messages',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'roomId', AttributeType: 'S' },
        { AttributeName: 'messageId', AttributeType: 'S' },
        { AttributeName: 'liveSender', AttributeType: 'S' },
        { AttributeName: 'seq', AttributeType: 'N' },
        { AttributeName: 'version', AttributeType: 'N' },
        { AttributeName: 'threadPosition', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'roomId', KeyType: 'HASH' },
        { AttributeName: 'messageId', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        lsi('bySeq', 'seq'),
        lsi('byVersion', 'version'),
        lsi('byThread', 'threadPosition'),
      ],
      // Sparse: a message's sender until it is a tombstone (erasing a closed account finds what is left).
      GlobalSecondaryIndexes: [
        {
          IndexName: 'bySender',
          KeySchema: [
            { AttributeName: 'liveSender', KeyType: 'HASH' },
            { AttributeName: 'messageId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('keeps each room’s version counter in its own table, moved only by the functions that change messages', () => {
    const touching = (action: string) =>
      Object.keys(functionActions.messaging ?? {}).filter((functionKey) =>
        statementsOf(functionKey).some(
          (statement) =>
            statement.Action.includes(action) &&
            JSON.stringify(statement.Resource).includes('RoomVersionsTable'),
        ),
      );

    expect(template().Resources.RoomVersionsTable?.Properties).toEqual({
      TableName: 'chat-messaging-ci-room-versions',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'roomId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'roomId', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(touching('dynamodb:UpdateItem').sort()).toEqual(
      [
        'addReaction',
        'deleteMessage',
        'editMessage',
        'eraseUserContent',
        'removeReaction',
        'sendMessage',
        'socketSendMessage',
      ].sort(),
    );
    expect(touching('dynamodb:GetItem').sort()).toEqual(
      [
        'addReaction',
        'deleteMessage',
        'editMessage',
        'eraseUserContent',
        'listChanges',
        'removeReaction',
        'sendMessage',
        'socketSendMessage',
      ].sort(),
    );
  });

  it('lets history and the changes feed query only their own index of the messages table', () => {
    const queried = (functionKey: string) =>
      statementsOf(functionKey)
        .filter(
          (statement) =>
            statement.Action.includes('dynamodb:Query') &&
            JSON.stringify(statement.Resource).includes('MessagesTable'),
        )
        .flatMap((statement) => statement.Resource);

    expect(queried('listMessages')).toEqual([{ 'Fn::Sub': '${MessagesTable.Arn}/index/bySeq' }]);
    expect(queried('listChanges')).toEqual([{ 'Fn::Sub': '${MessagesTable.Arn}/index/byVersion' }]);
  });

  it('publishes from the stream in batches of 10 with partial batch failures and a failure queue', () => {
    const mapping = resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping').find(
      ([, p]) =>
        JSON.stringify(p.EventSourceArn) ===
          JSON.stringify({ 'Fn::GetAtt': ['MessagesTable', 'StreamArn'] }) &&
        JSON.stringify(p.FunctionName).includes(lambdaLogicalId('publishMessageEvents')),
    );

    expect(mapping?.[1]).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['MessagesTable', 'StreamArn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['OutboxFailuresQueue', 'Arn'] } } },
    });
  });

  it('creates the read-markers table with the byRoom index (receipts) and the outbox stream of ReadMarkerMoved', () => {
    const mappings = resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping').map(([, p]) => p);
    const queried = statementsOf('listReceipts')
      .filter((statement) => statement.Action.includes('dynamodb:Query'))
      .flatMap((statement) => statement.Resource);

    expect(template().Resources.ReadMarkersTable?.Properties).toMatchObject({
      TableName: 'chat-messaging-ci-read-markers',
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'roomId', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byRoom',
          KeySchema: [
            { AttributeName: 'roomId', KeyType: 'HASH' },
            { AttributeName: 'userId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(mappings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': ['ReadMarkersTable', 'StreamArn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['OutboxFailuresQueue', 'Arn'] } } },
        }),
      ]),
    );
    expect(queried).toEqual([{ 'Fn::Sub': '${ReadMarkersTable.Arn}/index/byRoom' }]);
  });

  it('keeps the attachments bucket private and encrypted', () => {
    expect(template().Resources.AttachmentsBucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
  });

  it('reads other services’ tables only, by the ARNs compose passes', () => {
    const memberships = fakeOutput('rooms', 'MembershipsTableArn');
    const connections = fakeOutput('realtime', 'ConnectionsTableArn');

    expect(statementsOf('sendMessage')).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [memberships] },
        { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [`${memberships}/index/byUsername`] },
      ]),
    );
    expect(statementsOf('socketSendMessage')).toEqual(
      expect.arrayContaining([{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [connections] }]),
    );
  });

  it('lets only createAttachment (whose role signs the upload URLs) write uploads/, and no URL write rooms/', () => {
    const objectStatements = Object.keys(functionActions.messaging ?? {}).flatMap((functionKey) =>
      statementsOf(functionKey)
        .filter((statement) => statement.Action.some((action) => action.startsWith('s3:')))
        .map((statement) => ({ functionKey, ...statement })),
    );
    const prefixOf = (statement: { Resource: unknown[] }) =>
      JSON.stringify(statement.Resource).match(/AttachmentsBucket\.Arn\}\/(\w+)\/\*/)?.[1];
    const writers = (prefix: string) =>
      objectStatements
        .filter((statement) => prefixOf(statement) === prefix && statement.Action.includes('s3:PutObject'))
        .map((statement) => statement.functionKey)
        .sort();

    for (const statement of objectStatements) expect(statement.Resource).toHaveLength(1);
    expect(new Set(objectStatements.map(prefixOf))).toEqual(new Set(['uploads', 'rooms']));
    expect(writers('uploads')).toEqual(['createAttachment']);
    expect(writers('rooms')).toEqual(['sendMessage', 'socketSendMessage']);
  });

  it('lets only the WebSocket route post to connections, of realtime’s API and this stage', () => {
    const posting = Object.keys(functionActions.messaging ?? {}).filter((functionKey) =>
      statementsOf(functionKey).some((statement) =>
        statement.Action.includes('execute-api:ManageConnections'),
      ),
    );
    const statement = statementsOf('socketSendMessage').find((s) =>
      s.Action.includes('execute-api:ManageConnections'),
    );

    expect(posting).toEqual(['socketSendMessage']);
    expect(statement?.Resource).toEqual([
      {
        'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${fakeOutput('realtime', 'WebSocketApiId')}/ci/POST/@connections/*`,
      },
    ]);
  });
});

describe('the notifications service package', () => {
  const template = () => packagedService('notifications').template;
  const statementsOf = (functionKey: string) => roleStatements(template(), roleLogicalId(functionKey));
  const rules = () => resourcesOfType(template(), 'AWS::Events::Rule').map(([, p]) => p);
  const ruleOf = (functionKey: string) =>
    rules().filter((rule) =>
      JSON.stringify(rule.Targets).includes(
        JSON.stringify({ 'Fn::GetAtt': [lambdaLogicalId(functionKey), 'Arn'] }),
      ),
    );

  /** osls names the rule's bus by the part of the `eventBusArn` param after its last `/` (the bus name). */
  const stageBus = fakeOutput('auth', 'EventBusArn').split('/').pop();

  it('invokes notifyMentions only for MessageSent v1 with a mention, a reply or in a DM room', () => {
    expect(ruleOf('notifyMentions')).toEqual([
      expect.objectContaining({
        EventBusName: stageBus,
        EventPattern: {
          source: ['chat.messaging'],
          'detail-type': ['MessageSent'],
          detail: {
            metadata: { version: [1] },
            $or: [
              { data: { mentions: [{ exists: true }] } },
              { data: { threadAuthorId: [{ exists: true }] } },
              { data: { roomId: [{ prefix: 'dm_' }] } },
            ],
          },
        },
      }),
    ]);
  });

  it('keeps its projections from UserRegistered, RoomCreated, RoomUpdated and PresenceChanged', () => {
    const patternsOf = (functionKey: string) => ruleOf(functionKey).map((rule) => rule.EventPattern);

    expect(patternsOf('rememberUser')).toEqual([
      { source: ['chat.auth'], 'detail-type': ['UserRegistered'], detail: { metadata: { version: [1] } } },
    ]);
    expect(patternsOf('rememberRoom')).toEqual([
      { source: ['chat.rooms'], 'detail-type': ['RoomCreated'], detail: { metadata: { version: [1] } } },
      { source: ['chat.rooms'], 'detail-type': ['RoomUpdated'], detail: { metadata: { version: [1] } } },
    ]);
    expect(patternsOf('trackPresence')).toEqual([
      {
        source: ['chat.realtime'],
        'detail-type': ['PresenceChanged'],
        detail: { metadata: { version: [1] } },
      },
    ]);
    expect(patternsOf('eraseRecipient')).toEqual([
      { source: ['chat.auth'], 'detail-type': ['UserDeleted'], detail: { metadata: { version: [1] } } },
    ]);
    expect(rules()).toHaveLength(6);
    expect(rules().every((rule) => rule.EventBusName === stageBus)).toBe(true);
  });

  it('creates the inbox keyed by user and message, with a stream and a TTL', () => {
    expect(template().Resources.InboxTable?.Properties).toMatchObject({
      TableName: 'chat-notifications-ci-inbox',
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('publishes events and SNS messages from new inbox items only, with partial batch failures', () => {
    const mappings = resourcesOfType(template(), 'AWS::Lambda::EventSourceMapping').map(([, p]) => p);

    expect(mappings).toHaveLength(2);
    for (const functionKey of ['publishNotificationEvents', 'deliverNotifications']) {
      expect(mappings).toContainEqual(
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': ['InboxTable', 'StreamArn'] },
          FunctionName: { 'Fn::GetAtt': [lambdaLogicalId(functionKey), 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['InboxFailuresQueue', 'Arn'] } } },
        }),
      );
    }
  });

  it('reads rooms’ memberships table only, by the ARN compose passes', () => {
    expect(statementsOf('notifyMentions')).toContainEqual({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query'],
      Resource: [fakeOutput('rooms', 'MembershipsTableArn')],
    });
  });

  it('uses SNS only on its per-user topics and the stage’s push platform applications', () => {
    const userTopics = {
      'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:chat-notifications-ci-user-*',
    };
    const snsResources = Object.keys(functionActions.notifications ?? {}).flatMap((functionKey) =>
      statementsOf(functionKey)
        .filter((statement) => statement.Action.some((action) => action.startsWith('sns:')))
        .map((statement) => ({ actions: statement.Action, resources: statement.Resource })),
    );

    expect(snsResources).toContainEqual({ actions: ['sns:Publish'], resources: [userTopics] });
    expect(snsResources).toContainEqual({
      actions: ['sns:CreatePlatformEndpoint'],
      resources: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:app/APNS/chat-ci-apns' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:app/GCM/chat-ci-fcm' },
      ],
    });
    for (const { resources } of snsResources) {
      for (const resource of resources) {
        expect(JSON.stringify(resource)).toMatch(/:(chat-notifications-ci-user-\*|app\/|endpoint\/)/);
      }
    }
  });
});

describe('the stage’s alarms and dashboard', () => {
  const alarmsOf = (key: string) => resourcesOfType(packagedService(key).template, 'AWS::CloudWatch::Alarm');

  it('has chat-auth create the alarm topic and one dashboard of the stage, the others none', () => {
    const auth = packagedService('auth').template;

    expect(auth.Resources.AlarmsTopic?.Type).toBe('AWS::SNS::Topic');
    expect(auth.Outputs.AlarmsTopicArn?.Value).toEqual({ Ref: 'AlarmsTopic' });
    const dashboards = compose.flatMap((service) =>
      resourcesOfType(packagedService(service.key).template, 'AWS::CloudWatch::Dashboard'),
    );
    expect(dashboards.map(([, p]) => p.DashboardName)).toEqual(['chat-ci']);
    const body = (dashboards[0]?.[1].DashboardBody as { 'Fn::Sub': string })['Fn::Sub'];
    const expressions = JSON.stringify(JSON.parse(body));
    for (const metric of [
      'MessagesStored',
      'FramesDelivered',
      'FanOutDuration',
      'ConsumerFailures',
      'EventAge',
      'RateLimited',
    ]) {
      expect(expressions).toContain(`{Chat/ci,service} MetricName=\\"${metric}\\"`);
    }
    for (const other of compose.filter((service) => service.key !== 'auth')) {
      expect(packagedService(other.key).template.Resources.AlarmsTopic).toBeUndefined();
    }
  });

  it('alarms on the HTTP API’s 5xx in auth and the WebSocket API’s errors in realtime, where each is created', () => {
    expect(alarmsOf('auth').map(([, p]) => p)).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
      }),
    );
    const webSocket = packagedService('realtime').template.Resources.WebSocketApiErrorsAlarm?.Properties;
    expect(JSON.stringify(webSocket?.Metrics)).toContain('{"Ref":"WebsocketsApi"}');
    expect(JSON.stringify(webSocket?.Metrics)).toContain('ExecutionError');
  });

  it('alarms on the fan-out duration p99 from the EMF metric of realtime', () => {
    expect(packagedService('realtime').template.Resources.FanOutDurationP99Alarm?.Properties).toMatchObject({
      Namespace: 'Chat/ci',
      MetricName: 'FanOutDuration',
      Dimensions: [{ Name: 'service', Value: 'chat-realtime' }],
      ExtendedStatistic: 'p99',
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});
