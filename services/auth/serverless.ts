import type { AWS } from '@serverless/typescript';
import {
  allow,
  chatProvider,
  eventFunction,
  failuresQueue,
  PROCESSED_EVENTS_TABLE,
  processedEventsAccess,
  processedEventsTable,
  HEALTH_PROBE_ID,
  healthRoute,
  httpApiCors,
  httpRoute,
  indexAccess,
  outboxFunction,
  serviceBase,
  tableAccess,
  tableEnvironment,
  tableRef,
  withOwnRoles,
  type Access,
} from '../../libs/serverless-config/src';
import { withObservability } from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { cognitoResources } from './resources/cognito';
import { authTables } from './resources/tables';
import { userDeletedContract } from '../../libs/events/src/contracts/user-deleted';
import { eventPattern } from '../../libs/events/src/event-pattern';
import { ENV, INDEXES } from './src/adapters/names';

/**
 * chat-auth: creates what the whole stage shares (the public HTTP API, the event bus chat-<stage>, the Cognito
 * user pool) and the auth routes. The other services attach to these through compose params (see README).
 */
const base = serviceBase('chat-auth');

const userPoolArn = { 'Fn::GetAtt': ['UserPool', 'Arn'] };
const eventBusArn = { 'Fn::GetAtt': ['EventBus', 'Arn'] };

/** What a route that requires a caller needs: the shared verifier on this stack's own pool and table. */
const verifier = tokenVerifierAccess({
  userPoolId: { Ref: 'UserPool' },
  userPoolClientId: { Ref: 'UserPoolClient' },
  revocationsTable: {
    name: tableRef('RevocationsTable'),
    arn: { 'Fn::GetAtt': ['RevocationsTable', 'Arn'] },
  },
});
/** The routes that serve anyone (registration, login, token refresh). */
const anyone: Access = { environment: {}, statements: [] };

/** Publishes a table's stream to the bus: the outbox, retried record by record (partial batch failures). */
const outbox = (handler: string, tableLogicalId: string) =>
  outboxFunction(handler, tableLogicalId, eventBusArn, { batchSize: 10, maximumRetryAttempts: 10 });

const { functions, roles } = withOwnRoles({
  health: healthRoute('auth', { table: 'UsersTable', key: { userId: HEALTH_PROBE_ID } }),
  register: httpRoute('POST', '/auth/register', anyone, {
    handler: 'register',
    environment: {
      ...tableEnvironment({ [ENV.usersTable]: 'UsersTable', [ENV.claimsTable]: 'UniqueClaimsTable' }),
      [ENV.autoConfirmSignUp]: "${self:custom.autoConfirmSignUp.${sls:stage}, 'false'}",
    },
    statements: [
      tableAccess('UniqueClaimsTable', ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      tableAccess('UsersTable', ['dynamodb:PutItem']),
      allow(['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminDeleteUser'], [userPoolArn]),
    ],
  }),
  confirm: {
    handler: 'src/handlers/confirm.handler',
    events: [{ httpApi: { method: 'POST', path: '/auth/confirm' } }],
  },
  login: httpRoute('POST', '/auth/login', anyone, {
    handler: 'login',
    environment: {
      ...tableEnvironment({
        [ENV.loginAttemptsTable]: 'LoginAttemptsTable',
        [ENV.sessionsTable]: 'SessionsTable',
        [ENV.revocationsTable]: 'RevocationsTable',
      }),
      [ENV.loginMaxFailures]: '5',
      [ENV.loginFailureWindowSeconds]: '900',
    },
    statements: [
      tableAccess('LoginAttemptsTable', [
        'dynamodb:GetItem',
        'dynamodb:UpdateItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
      ]),
      tableAccess('SessionsTable', ['dynamodb:PutItem']),
      tableAccess('RevocationsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    ],
  }),
  refresh: httpRoute('POST', '/auth/refresh', anyone, {
    handler: 'refresh',
    environment: tableEnvironment({
      [ENV.sessionsTable]: 'SessionsTable',
      [ENV.revocationsTable]: 'RevocationsTable',
    }),
    statements: [
      tableAccess('SessionsTable', ['dynamodb:GetItem']),
      tableAccess('RevocationsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    ],
  }),
  logout: httpRoute('POST', '/auth/logout', verifier, {
    handler: 'logout',
    statements: [tableAccess('RevocationsTable', ['dynamodb:PutItem'])],
  }),
  getMe: httpRoute('GET', '/users/me', verifier, {
    handler: 'get-me',
    environment: tableEnvironment({ [ENV.usersTable]: 'UsersTable' }),
    statements: [tableAccess('UsersTable', ['dynamodb:GetItem'])],
  }),
  updateMe: httpRoute('PATCH', '/users/me', verifier, {
    handler: 'update-me',
    environment: tableEnvironment({ [ENV.usersTable]: 'UsersTable' }),
    statements: [tableAccess('UsersTable', ['dynamodb:UpdateItem'])],
  }),
  searchUsers: httpRoute('GET', '/users', verifier, {
    handler: 'search-users',
    environment: tableEnvironment({ [ENV.usersTable]: 'UsersTable' }),
    statements: [indexAccess('UsersTable', INDEXES.usersByUsername, ['dynamodb:Query'])],
  }),
  // Closing an account (docs/decisions/007-account-closing.md): the password checked, the record closed, the pool
  // user disabled; the revocations table's stream publishes UserDeleted, on which eraseAccount erases.
  closeAccount: httpRoute('DELETE', '/users/me', verifier, {
    handler: 'close-account',
    environment: tableEnvironment({ [ENV.usersTable]: 'UsersTable' }),
    statements: [
      tableAccess('UsersTable', ['dynamodb:GetItem']),
      tableAccess('RevocationsTable', ['dynamodb:PutItem']),
      allow(['cognito-idp:AdminDisableUser'], [userPoolArn]),
    ],
  }),
  eraseAccount: {
    // osls takes the stack's own bus by name (`Fn::GetAtt Name`) for a rule.
    ...eventFunction(
      'erase-account',
      { 'Fn::GetAtt': ['EventBus', 'Name'] },
      [eventPattern(userDeletedContract)],
      {
        failureQueue: 'ErasureFailuresQueue',
        statements: [
          tableAccess('UsersTable', ['dynamodb:GetItem', 'dynamodb:DeleteItem']),
          tableAccess('UniqueClaimsTable', ['dynamodb:DeleteItem', 'dynamodb:UpdateItem']),
          allow(['cognito-idp:AdminDeleteUser'], [userPoolArn]),
          processedEventsAccess(),
        ],
      },
    ),
    environment: tableEnvironment({
      [ENV.usersTable]: 'UsersTable',
      [ENV.claimsTable]: 'UniqueClaimsTable',
      [ENV.processedEventsTable]: PROCESSED_EVENTS_TABLE,
    }),
  },
  publishUserEvents: outbox('publish-user-events', 'UsersTable'),
  publishLogoutEvents: outbox('publish-logout-events', 'RevocationsTable'),
});

const config: AWS = {
  ...base,
  custom: {
    ...base.custom,
    /** Stages whose sign-ups are confirmed without the e-mailed code (AdminConfirmSignUp); others: 'false'. */
    autoConfirmSignUp: { local: 'true' },
  },
  provider: chatProvider({
    httpApi: {
      payload: '2.0',
      // No route authorizer: handlers verify tokens themselves (contract error shape + revocation check).
      // The stage's web origins only (CHAT_WEB_ORIGINS when deploying; the local web app's otherwise).
      cors: httpApiCors(),
    },
    environment: {
      [ENV.eventBusName]: { Ref: 'EventBus' },
      [ENV.userPoolId]: { Ref: 'UserPool' },
      [ENV.userPoolClientId]: { Ref: 'UserPoolClient' },
    },
  }),
  functions,
  resources: {
    Resources: {
      ...roles,
      ...cognitoResources,
      ...authTables,
      EventBus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'chat-${sls:stage}' } },
      [PROCESSED_EVENTS_TABLE]: processedEventsTable(),
      ErasureFailuresQueue: failuresQueue(),
    },
    Outputs: {
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: eventBusArn },
      UserPoolId: { Value: { Ref: 'UserPool' } },
      UserPoolArn: { Value: userPoolArn },
      UserPoolClientId: { Value: { Ref: 'UserPoolClient' } },
      RevocationsTableName: { Value: tableRef('RevocationsTable') },
      RevocationsTableArn: { Value: { 'Fn::GetAtt': ['RevocationsTable', 'Arn'] } },
    },
  },
};

// Metrics, tracing switch, alarms and the stage's alarm topic and dashboard (docs/operations.md).
export default withObservability(config, { createsStageResources: true, httpApi: true });
