import { idempotencyTableProperties } from '../../events/src/consumer/idempotency-table';
import { tableAccess } from './statements';
import { tableName } from './tables';
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
