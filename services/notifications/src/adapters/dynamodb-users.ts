import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem, setAttributes } from '@chat/aws';
import type { UserDirectory, UserRecord } from '../use-cases/ports';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The users projection (userId): `username`, `email` from UserRegistered; `topicArn` once the topic is made. */
export function dynamoUsers(client: DynamoDBDocumentClient, tableName: string): UserDirectory {
  return {
    async get(userId) {
      const item = await getItem(client, tableName, { userId }, { consistentRead: true });
      if (!item) return undefined;
      const user: UserRecord = { userId };
      const username = text(item.username);
      const email = text(item.email);
      const topicArn = text(item.topicArn);
      if (username) user.username = username;
      if (email) user.email = email;
      if (topicArn) user.topicArn = topicArn;
      return user;
    },

    remember: ({ userId, username, email }) =>
      setAttributes(client, tableName, { userId }, { username, email }),

    setTopic: (userId, topicArn) => setAttributes(client, tableName, { userId }, { topicArn }),
  };
}
