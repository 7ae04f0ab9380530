import type { AwsProvider } from './types';

/**
 * The provider block every service starts from: Node.js 20 on arm64, stage and region from the CLI, the
 * common environment. `extra` is merged on top (its `environment` is added to the common one).
 */
export function chatProvider(extra: Partial<AwsProvider> = {}): AwsProvider {
  return {
    name: 'aws',
    runtime: 'nodejs20.x',
    architecture: 'arm64',
    region: "${opt:region, 'us-east-1'}" as AwsProvider['region'],
    stage: "${opt:stage, 'dev'}",
    memorySize: 256,
    timeout: 10,
    logRetentionInDays: 14,
    versionFunctions: false,
    ...extra,
    environment: {
      SERVICE_NAME: '${self:service}',
      STAGE: '${sls:stage}',
      LOG_LEVEL: "${env:CHAT_LOG_LEVEL, 'info'}",
      NODE_OPTIONS: '--enable-source-maps',
      ...extra.environment,
    },
  };
}

/**
 * The provider block of a service that attaches to what chat-auth creates: its routes go on the stage's HTTP
 * API (`httpApiId`), and its handlers learn the event bus and the user pool from compose params.
 */
export function attachedProvider(extra: Partial<AwsProvider> = {}): AwsProvider {
  return chatProvider({
    httpApi: { id: '${param:httpApiId}' },
    ...extra,
    environment: {
      EVENT_BUS_NAME: '${param:eventBusName}',
      USER_POOL_ID: '${param:userPoolId}',
      USER_POOL_CLIENT_ID: '${param:userPoolClientId}',
      ...extra.environment,
    },
  });
}
