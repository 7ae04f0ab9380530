import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, getItem, setAttributes } from '@chat/aws';
import { presenceStatusSchema } from '@chat/events';
import type { PresenceStore } from '../use-cases/ports';

/**
 * The presence projection (userId): `{status, lastSeenAt, seenAtMs}`. An observation replaces the stored one
 * only when it is later; at the same instant `offline` wins (the safe side: a DM then notifies).
 */
export function dynamoPresence(client: DynamoDBDocumentClient, tableName: string): PresenceStore {
  return {
    async statusOf(userId) {
      const item = await getItem(client, tableName, { userId }, { consistentRead: true });
      const parsed = presenceStatusSchema.safeParse(item?.status);
      return parsed.success ? parsed.data : undefined;
    },

    async record({ userId, status, lastSeenAt }) {
      // Refused when a later observation is stored: that one stays.
      const later = status === 'offline' ? '<=' : '<';
      await conditionalWrite(
        setAttributes(
          client,
          tableName,
          { userId },
          { status, lastSeenAt, seenAtMs: Date.parse(lastSeenAt) },
          { ConditionExpression: `attribute_not_exists(userId) OR #seenAtMs ${later} :seenAtMs` },
        ),
      );
    },
  };
}
