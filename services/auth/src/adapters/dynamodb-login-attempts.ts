import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { epochSeconds, isConditionalCheckFailed } from '@chat/aws';
import type { LoginAttempts } from '../use-cases/ports';

/**
 * Login-attempts table (`username`): `{username, failures, expiresAt}`, one fixed window per username from its
 * first failure; `expiresAt` (epoch seconds) ends the window and is the TTL. An ended window whose item TTL has
 * not removed yet counts as none.
 */
export function dynamoLoginAttempts(client: DynamoDBDocumentClient, tableName: string): LoginAttempts {
  return {
    async current(username, now) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { username }, ConsistentRead: true }),
      );
      if (!Item || typeof Item.failures !== 'number' || typeof Item.expiresAt !== 'number') return undefined;
      if (Item.expiresAt <= epochSeconds(now)) return undefined;
      return { failures: Item.failures, resetsAt: new Date(Item.expiresAt * 1000) };
    },

    async recordFailure(username, now, windowSeconds) {
      const windowEnd = epochSeconds(now) + windowSeconds;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { username },
            UpdateExpression: 'ADD failures :one SET expiresAt = if_not_exists(expiresAt, :windowEnd)',
            ConditionExpression: 'attribute_not_exists(username) OR expiresAt > :now',
            ExpressionAttributeValues: { ':one': 1, ':windowEnd': windowEnd, ':now': epochSeconds(now) },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        // The previous window has ended: this failure opens a new one.
        await client.send(
          new PutCommand({ TableName: tableName, Item: { username, failures: 1, expiresAt: windowEnd } }),
        );
      }
    },

    async clear(username) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: { username } }));
    },
  };
}
