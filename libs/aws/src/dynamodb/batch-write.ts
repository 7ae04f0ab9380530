import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoffDelay, sleep, type RetryOptions } from '../retry';

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
  const retry: RetryOptions = {
    maxAttempts: options.maxAttempts ?? 8,
    baseDelayMs: options.baseDelayMs ?? 20,
    maxDelayMs: options.maxDelayMs ?? 1000,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
  };
  let calls = 0;
  for (let start = 0; start < writes.length; start += BATCH_WRITE_LIMIT) {
    let pending = writes
      .slice(start, start + BATCH_WRITE_LIMIT)
      .map((w) => ('put' in w ? { PutRequest: { Item: w.put } } : { DeleteRequest: { Key: w.delete } }));
    for (let attempt = 1; ; attempt += 1) {
      calls += 1;
      const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (output.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
      if (pending.length === 0) break;
      if (attempt >= retry.maxAttempts) {
        throw new Error(
          `BatchWriteItem left ${pending.length} writes of ${tableName} unprocessed after ${attempt} attempts`,
        );
      }
      await retry.sleep(backoffDelay(attempt, retry));
    }
  }
  return calls;
}
