import type { AWS } from '@serverless/typescript';
import { attachedProvider, serviceBase, withOwnRoles } from '../../libs/serverless-config/src';

/** chat-rooms: its routes attach to the stage's HTTP API created by chat-auth (see README, Parameters). */
const { functions, roles } = withOwnRoles({
  health: {
    handler: 'src/handlers/health.handler',
    events: [{ httpApi: { method: 'GET', path: '/health/rooms' } }],
  },
});

const config: AWS = {
  ...serviceBase('chat-rooms'),
  provider: attachedProvider(),
  functions,
  resources: { Resources: { ...roles } },
};

export default config;
