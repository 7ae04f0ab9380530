import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from '@chat/aws';
import * as z from 'zod';
import type { PreferencesStore } from '../use-cases/ports';

const preferencesItemSchema = z.object({
  email: z.boolean(),
  push: z.boolean(),
  mutedRoomIds: z.array(z.string()),
});

/** The preferences table (userId): `{email, push, mutedRoomIds, updatedAt}`; read strongly consistent. */
export function dynamoPreferences(client: DynamoDBDocumentClient, tableName: string): PreferencesStore {
  return {
    async get(userId) {
      const item = await getItem(client, tableName, { userId }, { consistentRead: true });
      if (!item) return undefined;
      const { email, push, mutedRoomIds } = preferencesItemSchema.parse(item);
      return { email, push, mutedRoomIds };
    },

    async put(userId, preferences, updatedAt) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { userId, ...preferences, updatedAt: updatedAt.toISOString() },
        }),
      );
    },
  };
}
