import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoffDelay, sleep, type RetryOptions } from '../retry';

type Item = Record<string, unknown>;

export interface BatchGetOptions extends Partial<RetryOptions> {
  consistentRead?: boolean;
  /** A ProjectionExpression, with the `#names` it uses. */
  projection?: string;
  names?: Record<string, string>;
}

/** BatchGetItem's limit of keys per call. */
export const BATCH_GET_LIMIT = 100;

/**
 * Reads `keys` (distinct primary keys) of one table with BatchGetItem, 100 keys a call. Keys DynamoDB leaves
 * unprocessed (it may, under throttling or for large responses) are asked again after an exponential backoff
 * with jitter; when some are still unprocessed after `maxAttempts` calls for one chunk, it throws. Returns the
 * items found, in no particular order (a key with no item yields nothing).
 */
export async function batchGetAll(
  client: Pick<DynamoDBDocumentClient, 'send'>,
  tableName: string,
  keys: readonly Item[],
  options: BatchGetOptions = {},
): Promise<Item[]> {
  const retry: RetryOptions = {
    maxAttempts: options.maxAttempts ?? 8,
    baseDelayMs: options.baseDelayMs ?? 20,
    maxDelayMs: options.maxDelayMs ?? 1000,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
  };
  const request = {
    ...(options.consistentRead === undefined ? {} : { ConsistentRead: options.consistentRead }),
    ...(options.projection === undefined ? {} : { ProjectionExpression: options.projection }),
    ...(options.names === undefined ? {} : { ExpressionAttributeNames: options.names }),
  };
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let pending = keys.slice(start, start + BATCH_GET_LIMIT) as Item[];
    for (let attempt = 1; ; attempt += 1) {
      const output = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { ...request, Keys: pending } } }),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = (output.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
      if (pending.length === 0) break;
      if (attempt >= retry.maxAttempts) {
        throw new Error(
          `BatchGetItem left ${pending.length} keys of ${tableName} unprocessed after ${attempt} attempts`,
        );
      }
      await retry.sleep(backoffDelay(attempt, retry));
    }
  }
  return items;
}
