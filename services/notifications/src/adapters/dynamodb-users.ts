import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserDirectory, UserRecord } from '../use-cases/ports';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The users projection (userId): `username`, `email` from UserRegistered; `topicArn` once the topic is made. */
export function dynamoUsers(client: DynamoDBDocumentClient, tableName: string): UserDirectory {
  return {
    async get(userId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { userId }, ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const user: UserRecord = { userId };
      const username = text(Item.username);
      const email = text(Item.email);
      const topicArn = text(Item.topicArn);
      if (username) user.username = username;
      if (email) user.email = email;
      if (topicArn) user.topicArn = topicArn;
      return user;
    },

    async remember({ userId, username, email }) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { userId },
          UpdateExpression: 'SET username = :username, email = :email',
          ExpressionAttributeValues: { ':username': username, ':email': email },
        }),
      );
    },

    async setTopic(userId, topicArn) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { userId },
          UpdateExpression: 'SET topicArn = :topicArn',
          ExpressionAttributeValues: { ':topicArn': topicArn },
        }),
      );
    },
  };
}
