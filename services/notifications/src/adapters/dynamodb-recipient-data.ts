import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '@chat/aws';
import type { RecipientData } from '../use-cases/ports';

export interface RecipientTables {
  inbox: string;
  preferences: string;
  presence: string;
  users: string;
}

/** A closed account's items in the service's tables, each found by its key (the user's partition or item). */
export function dynamoRecipientData(client: DynamoDBDocumentClient, tables: RecipientTables): RecipientData {
  const deleteItem = async (tableName: string, userId: string) => {
    await client.send(new DeleteCommand({ TableName: tableName, Key: { userId } }));
  };
  return {
    async dropInbox(userId) {
      let dropped = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tables.inbox,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ProjectionExpression: 'userId, sk',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        const keys = output.Items ?? [];
        await batchWriteAll(
          client,
          tables.inbox,
          keys.map((item) => ({ delete: { userId: item.userId, sk: item.sk } })),
        );
        dropped += keys.length;
        start = output.LastEvaluatedKey;
      } while (start);
      return dropped;
    },
    dropPreferences: (userId) => deleteItem(tables.preferences, userId),
    dropPresence: (userId) => deleteItem(tables.presence, userId),
    dropUser: (userId) => deleteItem(tables.users, userId),
  };
}
