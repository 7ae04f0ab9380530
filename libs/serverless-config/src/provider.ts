import { VERIFIER_ENV } from '../../auth-verifier/src/deployment';
import { DEFAULT_CONSUMER_TIMEOUT_SECONDS } from '../../events/src/consumer/consumer-timeout';
import { COMMON_ENV } from '../../runtime/src/env-names';
import type { AwsProvider } from './types';

/** The stage parameter `nodeOptions`, the functions' NODE_OPTIONS: none by default. */
export const NODE_OPTIONS_PARAM = "${param:nodeOptions, ''}";

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
    timeout: DEFAULT_CONSUMER_TIMEOUT_SECONDS, // also the consumers' idempotency lock (@chat/events)
    logRetentionInDays: 14,
    versionFunctions: false,
    ...extra,
    environment: {
      [COMMON_ENV.serviceName]: '${self:service}',
      [COMMON_ENV.stage]: '${sls:stage}',
      // The stage parameter `logLevel` (compose or `params:`), else env CHAT_LOG_LEVEL, else info.
      [COMMON_ENV.logLevel]: "${param:logLevel, env:CHAT_LOG_LEVEL, 'info'}",
      // Empty unless the stage asks (`nodeOptions: --enable-source-maps` for stack traces in the TypeScript
      // sources): reading the source maps costs every cold start (docs/decisions/010-cold-starts.md).
      [COMMON_ENV.nodeOptions]: NODE_OPTIONS_PARAM,
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
      [COMMON_ENV.eventBusName]: '${param:eventBusName}',
      [VERIFIER_ENV.userPoolId]: '${param:userPoolId}',
      [VERIFIER_ENV.userPoolClientId]: '${param:userPoolClientId}',
      ...extra.environment,
    },
  });
}
