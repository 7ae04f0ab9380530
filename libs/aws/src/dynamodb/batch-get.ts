import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryOptions } from '../retry';
import { batchRetry, sendUntilProcessed } from './unprocessed';

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
  const request = {
    ...(options.consistentRead === undefined ? {} : { ConsistentRead: options.consistentRead }),
    ...(options.projection === undefined ? {} : { ProjectionExpression: options.projection }),
    ...(options.names === undefined ? {} : { ExpressionAttributeNames: options.names }),
  };
  const items: Item[] = [];
  await sendUntilProcessed(
    keys,
    BATCH_GET_LIMIT,
    batchRetry(options),
    async (chunk) => {
      const output = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { ...request, Keys: chunk } } }),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      return (output.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
    },
    (left, attempts) =>
      `BatchGetItem left ${left} keys of ${tableName} unprocessed after ${attempts} attempts`,
  );
  return items;
}
