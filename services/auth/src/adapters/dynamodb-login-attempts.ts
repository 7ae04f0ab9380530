import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, epochSeconds, getItem } from '@chat/aws';
import type { LoginAttempts } from '../use-cases/ports';

/**
 * Login-attempts table (`username`): `{username, failures, expiresAt}`, one fixed window per username from its
 * first failure; `expiresAt` (epoch seconds) ends the window and is the TTL. An ended window whose item TTL has
 * not removed yet counts as none.
 */
export function dynamoLoginAttempts(client: DynamoDBDocumentClient, tableName: string): LoginAttempts {
  return {
    async current(username, now) {
      const item = await getItem(client, tableName, { username }, { consistentRead: true });
      if (!item || typeof item.failures !== 'number' || typeof item.expiresAt !== 'number') return undefined;
      if (item.expiresAt <= epochSeconds(now)) return undefined;
      return { failures: item.failures, resetsAt: new Date(item.expiresAt * 1000) };
    },

    async recordFailure(username, now, windowSeconds) {
      const windowEnd = epochSeconds(now) + windowSeconds;
      const counted = await conditionalWrite(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { username },
            UpdateExpression: 'ADD failures :one SET expiresAt = if_not_exists(expiresAt, :windowEnd)',
            ConditionExpression: 'attribute_not_exists(username) OR expiresAt > :now',
            ExpressionAttributeValues: { ':one': 1, ':windowEnd': windowEnd, ':now': epochSeconds(now) },
          }),
        ),
      );
      if (counted) return;
      // The previous window has ended: this failure opens a new one.
      await client.send(
        new PutCommand({ TableName: tableName, Item: { username, failures: 1, expiresAt: windowEnd } }),
      );
    },

    async clear(username) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: { username } }));
    },
  };
}
