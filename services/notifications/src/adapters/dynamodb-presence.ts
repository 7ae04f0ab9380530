import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@chat/aws';
import { presenceStatusSchema } from '@chat/events';
import type { PresenceStore } from '../use-cases/ports';

/**
 * The presence projection (userId): `{status, lastSeenAt, seenAtMs}`. An observation replaces the stored one
 * only when it is later; at the same instant `offline` wins (the safe side: a DM then notifies).
 */
export function dynamoPresence(client: DynamoDBDocumentClient, tableName: string): PresenceStore {
  return {
    async statusOf(userId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { userId }, ConsistentRead: true }),
      );
      const parsed = presenceStatusSchema.safeParse(Item?.status);
      return parsed.success ? parsed.data : undefined;
    },

    async record({ userId, status, lastSeenAt }) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { userId },
            UpdateExpression: 'SET #status = :status, lastSeenAt = :lastSeenAt, seenAtMs = :seenAtMs',
            ConditionExpression: `attribute_not_exists(userId) OR seenAtMs ${status === 'offline' ? '<=' : '<'} :seenAtMs`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':lastSeenAt': lastSeenAt,
              ':seenAtMs': Date.parse(lastSeenAt),
            },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error; // a later observation is stored: keep it
      }
    },
  };
}
