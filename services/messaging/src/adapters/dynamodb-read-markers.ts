import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@chat/aws';
import type { ReadMarkers } from '../use-cases/ports';

/** The read-markers table: pk userId, sk roomId → lastReadMessageId. */
export function dynamoReadMarkers(client: DynamoDBDocumentClient, tableName: string): ReadMarkers {
  return {
    async get(userId, roomId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { userId, roomId }, ConsistentRead: true }),
      );
      return typeof Item?.lastReadMessageId === 'string' ? Item.lastReadMessageId : undefined;
    },

    async advance(userId, roomId, messageId, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { userId, roomId },
            UpdateExpression: 'SET lastReadMessageId = :messageId, updatedAt = :at',
            ConditionExpression: 'attribute_not_exists(lastReadMessageId) OR lastReadMessageId < :messageId',
            ExpressionAttributeValues: { ':messageId': messageId, ':at': at.toISOString() },
          }),
        );
      } catch (error) {
        // The marker is already at or after this message: it never moves back.
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },
  };
}
