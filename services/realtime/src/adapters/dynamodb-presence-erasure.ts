import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '@chat/aws';
import type { PresenceErasure } from '../use-cases/ports';

/** The presence table's items of one user (its partition: the summary and the connection markers). */
export function dynamoPresenceErasure(client: DynamoDBDocumentClient, tableName: string): PresenceErasure {
  return {
    async dropAll(userId) {
      let dropped = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ProjectionExpression: 'userId, sk',
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        const keys = output.Items ?? [];
        await batchWriteAll(
          client,
          tableName,
          keys.map((item) => ({ delete: { userId: item.userId, sk: item.sk } })),
        );
        dropped += keys.length;
        start = output.LastEvaluatedKey;
      } while (start);
      return dropped;
    },
  };
}
