import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConnectionDirectory } from '../use-cases/ports';

/**
 * realtime's connections table (pk connectionId, with the connection's `userId` recorded by its `$connect`),
 * read-only: which user a WebSocket frame comes from.
 */
export function dynamoConnectionDirectory(
  client: DynamoDBDocumentClient,
  tableName: string,
): ConnectionDirectory {
  return {
    async userOf(connectionId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { connectionId },
          ProjectionExpression: 'userId',
          ConsistentRead: true,
        }),
      );
      return typeof Item?.userId === 'string' && Item.userId !== '' ? Item.userId : undefined;
    },
  };
}
