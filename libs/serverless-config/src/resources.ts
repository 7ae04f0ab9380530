import { idempotencyTableProperties } from '../../events/src/consumer/idempotency-table';
import { RATE_LIMIT_KEY, RATE_LIMIT_TTL_ATTRIBUTE } from '../../aws/src/dynamodb/rate-limit-table';
import { tableAccess } from './statements';
import { dynamoTable, tableName } from './tables';
import type { CfnResource, IamStatement } from './types';

/** The logical id of a service's processed-events table (its consumers' idempotency markers). */
export const PROCESSED_EVENTS_TABLE = 'ProcessedEventsTable';

/** The processed-events table createIdempotencyGuard (@chat/events) writes its markers to. */
export function processedEventsTable(): CfnResource {
  return {
    Type: 'AWS::DynamoDB::Table',
    Properties: { ...idempotencyTableProperties(tableName('processed-events')) },
  };
}

/**
 * What an idempotency guard does on the processed-events table: take, finish and release markers, and read the
 * one it could not take (done: skip; in progress: fail, to be retried).
 */
export function processedEventsAccess(): IamStatement {
  return tableAccess(PROCESSED_EVENTS_TABLE, [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ]);
}

/** An encrypted SQS queue keeping, for 14 days, what a stream function failed to process for good. */
export function failuresQueue(): CfnResource {
  return {
    Type: 'AWS::SQS::Queue',
    Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
  };
}

/** The logical id of a service's rate-limits table (dynamoRateLimiter of @chat/aws). */
export const RATE_LIMITS_TABLE = 'RateLimitsTable';

/** A rate-limits table: one item per action and subject (a user), expired by TTL once its window has ended. */
export function rateLimitsTable(): CfnResource {
  return dynamoTable({
    name: 'rate-limits',
    partitionKey: { name: RATE_LIMIT_KEY, type: 'S' },
    ttlAttribute: RATE_LIMIT_TTL_ATTRIBUTE,
  });
}

/** What a rate-limit check does: one conditional UpdateItem (two when its guess of the window was wrong). */
export function rateLimitsAccess(): IamStatement {
  return tableAccess(RATE_LIMITS_TABLE, ['dynamodb:UpdateItem']);
}

/**
 * A rate limit's two stage parameters as environment variables: `<param>Limit` and `<param>WindowSeconds`, each
 * with the contract's default (`--param sendRateLimit=100` changes one stage). Without the parameter, the
 * environment at package time may set it (`CHAT_SEND_RATE_WINDOW_SECONDS`: the integration tests' stack
 * lengthens a window so that a burst on a slow machine stays within one), else the default applies.
 */
export function rateLimitParameters(
  param: string,
  env: { limit: string; windowSeconds: string },
  defaults: { limit: number; windowSeconds: number },
): Record<string, string> {
  const variable = (suffix: 'Limit' | 'WindowSeconds', fallback: number) => {
    const name = `${param}${suffix}`;
    const packageEnv = `CHAT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    return `\${param:${name}, env:${packageEnv}, '${fallback}'}`;
  };
  return {
    [env.limit]: variable('Limit', defaults.limit),
    [env.windowSeconds]: variable('WindowSeconds', defaults.windowSeconds),
  };
}
