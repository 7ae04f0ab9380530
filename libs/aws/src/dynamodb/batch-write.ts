import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryOptions } from '../retry';
import { batchRetry, sendUntilProcessed } from './unprocessed';

type Item = Record<string, unknown>;

/** BatchWriteItem's limit of requests per call. */
export const BATCH_WRITE_LIMIT = 25;

/** One write of a batch: an item to put, or the key of one to delete. */
export type BatchWrite = { put: Item } | { delete: Item };

/**
 * Puts and deletes items of one table with BatchWriteItem, 25 a call (unconditional: each write is idempotent).
 * Requests DynamoDB leaves unprocessed are sent again after an exponential backoff with jitter; when some are
 * still unprocessed after `maxAttempts` calls for one chunk, it throws. Returns the number of calls made.
 */
export async function batchWriteAll(
  client: Pick<DynamoDBDocumentClient, 'send'>,
  tableName: string,
  writes: readonly BatchWrite[],
  options: Partial<RetryOptions> = {},
): Promise<number> {
  return sendUntilProcessed(
    writes.map((w) => ('put' in w ? { PutRequest: { Item: w.put } } : { DeleteRequest: { Key: w.delete } })),
    BATCH_WRITE_LIMIT,
    batchRetry(options),
    async (chunk) => {
      const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: chunk } }));
      return (output.UnprocessedItems?.[tableName] as typeof chunk | undefined) ?? [];
    },
    (left, attempts) =>
      `BatchWriteItem left ${left} writes of ${tableName} unprocessed after ${attempts} attempts`,
  );
}
