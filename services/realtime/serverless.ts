import type { AWS } from '@serverless/typescript';
import {
  attachedProvider,
  dynamoTable,
  manageConnections,
  serviceBase,
  withOwnRoles,
} from '../../libs/serverless-config/src';

/**
 * chat-realtime: creates the stage's WebSocket API (osls names it `WebsocketsApi`) and its connections table;
 * its HTTP routes attach to the HTTP API created by chat-auth.
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

const postsToConnections = {
  environment: { WEBSOCKET_MANAGEMENT_ENDPOINT: websocketEndpoint('https') },
  statements: [manageConnections({ logicalId: 'WebsocketsApi' }, ['POST'])],
};

const { functions, roles } = withOwnRoles({
  health: {
    handler: 'src/handlers/health.handler',
    events: [{ httpApi: { method: 'GET', path: '/health/realtime' } }],
  },
  connect: { handler: 'src/handlers/connect.handler', events: [{ websocket: { route: '$connect' } }] },
  disconnect: {
    handler: 'src/handlers/disconnect.handler',
    events: [{ websocket: { route: '$disconnect' } }],
  },
  defaultRoute: {
    handler: 'src/handlers/default-route.handler',
    events: [{ websocket: { route: '$default' } }],
    ...postsToConnections,
  },
  ping: {
    handler: 'src/handlers/ping.handler',
    events: [{ websocket: { route: 'ping' } }],
    ...postsToConnections,
  },
});

const config: AWS = {
  ...serviceBase('chat-realtime'),
  provider: attachedProvider({ websocketsApiRouteSelectionExpression: '$request.body.action' }),
  functions,
  resources: {
    Resources: {
      ...roles,
      ConnectionsTable: dynamoTable({
        name: 'connections',
        partitionKey: { name: 'connectionId', type: 'S' },
        indexes: [{ name: 'byUserId', partitionKey: { name: 'userId', type: 'S' } }],
        stream: 'NEW_AND_OLD_IMAGES',
        ttlAttribute: 'expiresAt',
      }),
    },
    Outputs: {
      WebSocketApiId: { Value: { Ref: 'WebsocketsApi' } },
      WebSocketUrl: { Value: websocketEndpoint('wss') },
      WebSocketManagementEndpoint: { Value: websocketEndpoint('https') },
      // Read by messaging's WebSocket sendMessage route: which user a connection belongs to.
      ConnectionsTableName: { Value: { Ref: 'ConnectionsTable' } },
      ConnectionsTableArn: { Value: { 'Fn::GetAtt': ['ConnectionsTable', 'Arn'] } },
    },
  },
};

export default config;
