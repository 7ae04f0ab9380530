import type { AWS } from '@serverless/typescript';
import {
  allow,
  chatProvider,
  putEvents,
  serviceBase,
  streamRead,
  tableAccess,
  withOwnRoles,
  type FunctionSpec,
} from '../../libs/serverless-config/src';
import { tokenVerifierAccess } from '../../libs/auth-verifier/src/deployment';
import { cognitoResources } from './resources/cognito';
import { authTables } from './resources/tables';

/**
 * chat-auth: creates what the whole stage shares (the public HTTP API, the event bus chat-<stage>, the Cognito
 * user pool) and the auth routes. The other services attach to these through compose params (see README).
 */
const base = serviceBase('chat-auth');

const table = (logicalId: string) => ({ Ref: logicalId });
const userPoolArn = { 'Fn::GetAtt': ['UserPool', 'Arn'] };
const eventBusArn = { 'Fn::GetAtt': ['EventBus', 'Arn'] };

/** What a route that requires a caller needs: the shared verifier on this stack's own pool and table. */
const verifier = tokenVerifierAccess({
  userPoolId: { Ref: 'UserPool' },
  userPoolClientId: { Ref: 'UserPoolClient' },
  revocationsTable: { name: table('RevocationsTable'), arn: { 'Fn::GetAtt': ['RevocationsTable', 'Arn'] } },
});

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
          batchSize: 10,
          maximumRetryAttempts: 10,
          bisectBatchOnFunctionError: true,
          functionResponseType: 'ReportBatchItemFailures',
        },
      },
    ],
    statements: [streamRead(tableLogicalId), putEvents(eventBusArn)],
  };
}

const { functions, roles } = withOwnRoles({
  health: {
    handler: 'src/handlers/health.handler',
    events: [{ httpApi: { method: 'GET', path: '/health/auth' } }],
  },
  register: {
    handler: 'src/handlers/register.handler',
    events: [{ httpApi: { method: 'POST', path: '/auth/register' } }],
    environment: {
      USERS_TABLE: table('UsersTable'),
      CLAIMS_TABLE: table('UniqueClaimsTable'),
      AUTO_CONFIRM_SIGNUP: "${self:custom.autoConfirmSignUp.${sls:stage}, 'false'}",
    },
    statements: [
      tableAccess('UniqueClaimsTable', ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      tableAccess('UsersTable', ['dynamodb:PutItem']),
      allow(['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminDeleteUser'], [userPoolArn]),
    ],
  },
  confirm: {
    handler: 'src/handlers/confirm.handler',
    events: [{ httpApi: { method: 'POST', path: '/auth/confirm' } }],
  },
  login: {
    handler: 'src/handlers/login.handler',
    events: [{ httpApi: { method: 'POST', path: '/auth/login' } }],
    environment: {
      LOGIN_ATTEMPTS_TABLE: table('LoginAttemptsTable'),
      SESSIONS_TABLE: table('SessionsTable'),
      REVOCATIONS_TABLE: table('RevocationsTable'),
      LOGIN_MAX_FAILURES: '5',
      LOGIN_FAILURE_WINDOW_SECONDS: '900',
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
  },
  refresh: {
    handler: 'src/handlers/refresh.handler',
    events: [{ httpApi: { method: 'POST', path: '/auth/refresh' } }],
    environment: { SESSIONS_TABLE: table('SessionsTable'), REVOCATIONS_TABLE: table('RevocationsTable') },
    statements: [
      tableAccess('SessionsTable', ['dynamodb:GetItem']),
      tableAccess('RevocationsTable', ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
    ],
  },
  logout: {
    handler: 'src/handlers/logout.handler',
    events: [{ httpApi: { method: 'POST', path: '/auth/logout' } }],
    environment: { ...verifier.environment },
    statements: [...verifier.statements, tableAccess('RevocationsTable', ['dynamodb:PutItem'])],
  },
  getMe: {
    handler: 'src/handlers/get-me.handler',
    events: [{ httpApi: { method: 'GET', path: '/users/me' } }],
    environment: { ...verifier.environment, USERS_TABLE: table('UsersTable') },
    statements: [...verifier.statements, tableAccess('UsersTable', ['dynamodb:GetItem'])],
  },
  updateMe: {
    handler: 'src/handlers/update-me.handler',
    events: [{ httpApi: { method: 'PATCH', path: '/users/me' } }],
    environment: { ...verifier.environment, USERS_TABLE: table('UsersTable') },
    statements: [...verifier.statements, tableAccess('UsersTable', ['dynamodb:UpdateItem'])],
  },
  searchUsers: {
    handler: 'src/handlers/search-users.handler',
    events: [{ httpApi: { method: 'GET', path: '/users' } }],
    environment: { ...verifier.environment, USERS_TABLE: table('UsersTable') },
    statements: [
      ...verifier.statements,
      allow(['dynamodb:Query'], [{ 'Fn::Sub': '${UsersTable.Arn}/index/byUsername' }]),
    ],
  },
  publishUserEvents: outbox('src/handlers/publish-user-events.handler', 'UsersTable'),
  publishLogoutEvents: outbox('src/handlers/publish-logout-events.handler', 'RevocationsTable'),
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
      cors: {
        allowedOrigins: ['*'],
        allowedHeaders: ['Content-Type', 'Authorization', 'X-Correlation-Id'],
        allowedMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        exposedResponseHeaders: ['X-Correlation-Id', 'Retry-After'],
        maxAge: 600,
      },
    },
    environment: {
      EVENT_BUS_NAME: { Ref: 'EventBus' },
      USER_POOL_ID: { Ref: 'UserPool' },
      USER_POOL_CLIENT_ID: { Ref: 'UserPoolClient' },
    },
  }),
  functions,
  resources: {
    Resources: {
      ...roles,
      ...cognitoResources,
      ...authTables,
      EventBus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'chat-${sls:stage}' } },
    },
    Outputs: {
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
      UserPoolId: { Value: { Ref: 'UserPool' } },
      UserPoolArn: { Value: { 'Fn::GetAtt': ['UserPool', 'Arn'] } },
      UserPoolClientId: { Value: { Ref: 'UserPoolClient' } },
      RevocationsTableName: { Value: { Ref: 'RevocationsTable' } },
      RevocationsTableArn: { Value: { 'Fn::GetAtt': ['RevocationsTable', 'Arn'] } },
    },
  },
};

export default config;
