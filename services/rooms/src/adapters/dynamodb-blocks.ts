import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '@chat/aws';
import { BLOCK_ATTRIBUTES, blockReader } from '@chat/memberships';
import type { BlockStore } from '../use-cases/ports';
import { storedBlockOf } from './items';

const A = BLOCK_ATTRIBUTES;

/**
 * The blocks table: pk `userId` (the blocker), sk `blockedUserId`, `createdAt`; its stream is the outbox of
 * UserBlocked / UserUnblocked. A block is a conditional put (a repeat keeps the first and writes nothing), an
 * unblock a delete that returns what it removed (nothing removed: nothing published). UserUnblocked gets a new
 * correlation id: a REMOVE record holds only the block's own item.
 */
export function dynamoBlockStore(client: DynamoDBDocumentClient, tableName: string): BlockStore {
  const reader = blockReader(client, tableName);
  return {
    async block(record, context) {
      const stored = await conditionalWrite(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...record, correlationId: context.correlationId },
            ConditionExpression: 'attribute_not_exists(#blocked)',
            ExpressionAttributeNames: { '#blocked': A.blockedUserId },
          }),
        ),
      );
      return stored ? 'created' : 'exists';
    },

    async unblock(userId, blockedUserId) {
      const { Attributes } = await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { [A.userId]: userId, [A.blockedUserId]: blockedUserId },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes !== undefined;
    },

    hasBlocked: (userId, blockedUserId) => reader.hasBlocked(userId, blockedUserId),

    async page(userId, limit, after) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#user = :user',
          ExpressionAttributeNames: { '#user': A.userId },
          ExpressionAttributeValues: { ':user': userId },
          Limit: limit,
          ...(after === undefined
            ? {}
            : { ExclusiveStartKey: { [A.userId]: userId, [A.blockedUserId]: after } }),
        }),
      );
      const items = Items.map((item) => storedBlockOf(item).record);
      const next = LastEvaluatedKey?.[A.blockedUserId];
      return typeof next === 'string' ? { items, next } : { items };
    },
  };
}
