import type { AWS } from '@serverless/typescript';
import { chatProvider, serviceBase, withOwnRoles } from '../../libs/serverless-config/src';
import { cognitoResources } from './resources/cognito';

/**
 * chat-auth: creates what the whole stage shares (the public HTTP API, the event bus, the Cognito user pool)
 * and the auth routes. The other services attach to these through compose params (see README).
 */
const { functions, roles } = withOwnRoles({
  health: {
    handler: 'src/handlers/health.handler',
    events: [{ httpApi: { method: 'GET', path: '/health/auth' } }],
  },
});

const config: AWS = {
  ...serviceBase('chat-auth'),
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
      EventBus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'chat-${sls:stage}' } },
    },
    Outputs: {
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
      UserPoolId: { Value: { Ref: 'UserPool' } },
      UserPoolArn: { Value: { 'Fn::GetAtt': ['UserPool', 'Arn'] } },
      UserPoolClientId: { Value: { Ref: 'UserPoolClient' } },
    },
  },
};

export default config;
