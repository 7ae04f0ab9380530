import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './errors';

type Client = Pick<DynamoDBDocumentClient, 'send'>;
type Item = Record<string, unknown>;

/**
 * Awaits a conditional write: `true` when it was applied, `false` when DynamoDB refused it because its
 * ConditionExpression did not hold (ConditionalCheckFailedException). Any other failure is thrown.
 */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  return (await whenConditionHolds(write.then(() => true))) ?? false;
}

/**
 * Awaits a conditional write and gives its output (the SDK's `{ Attributes, … }`, e.g. with `ReturnValues`), or
 * `undefined` when DynamoDB refused it because its ConditionExpression did not hold. Any other failure is thrown.
 */
export async function whenConditionHolds<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}

export interface GetItemOptions {
  consistentRead?: boolean;
  /** A ProjectionExpression of plain attribute names (`userId, username`). */
  projection?: string;
}

/** The item of `tableName` at `key` (GetItem), or `undefined` when there is none. */
export async function getItem(
  client: Client,
  tableName: string,
  key: Item,
  options: GetItemOptions = {},
): Promise<Item | undefined> {
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: key,
      ...(options.consistentRead === undefined ? {} : { ConsistentRead: options.consistentRead }),
      ...(options.projection === undefined ? {} : { ProjectionExpression: options.projection }),
    }),
  );
  return Item;
}

/** A ConditionExpression with the names and values it adds to those of the write. */
export interface WriteCondition {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

const PLACEHOLDER_NAME = /^[A-Za-z0-9_]+$/;

/**
 * Sets `attributes` on the item of `tableName` at `key`, creating the item when there is none (UpdateItem
 * `SET #a = :a, …`, one per attribute; names of letters, digits and `_`). A `condition` may use those `#a` and
 * `:a` placeholders as well as its own names and values; wrap the call in `conditionalWrite` to learn whether
 * it held.
 */
export async function setAttributes(
  client: Client,
  tableName: string,
  key: Item,
  attributes: Item,
  condition?: WriteCondition,
): Promise<void> {
  const names = Object.keys(attributes);
  const invalid = names.find((name) => !PLACEHOLDER_NAME.test(name));
  if (names.length === 0 || invalid !== undefined) {
    throw new Error(
      `setAttributes needs attribute names of letters, digits and _ (got ${JSON.stringify(names)})`,
    );
  }
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}`,
      ...(condition === undefined ? {} : { ConditionExpression: condition.ConditionExpression }),
      ExpressionAttributeNames: {
        ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
        ...condition?.ExpressionAttributeNames,
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name) => [`:${name}`, attributes[name]])),
        ...condition?.ExpressionAttributeValues,
      },
    }),
  );
}
