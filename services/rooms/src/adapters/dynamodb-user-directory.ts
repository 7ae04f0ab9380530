import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserDirectory } from '../use-cases/ports';
import { userOf } from './items';

/** The users projection: `userId` → `username`, written from UserRegistered and from callers' tokens. */
export function dynamoUserDirectory(client: DynamoDBDocumentClient, tableName: string): UserDirectory {
  return {
    async find(userId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { userId } }));
      return Item ? userOf(Item) : undefined;
    },
    async remember(user) {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { userId: user.userId, username: user.username } }),
      );
    },
    async forget(userId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: { userId } }));
    },
  };
}
