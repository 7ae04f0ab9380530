import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '@chat/aws';
import type { Inbox } from '../use-cases/ports';
import { inboxEntryOf, inboxItemOf } from './inbox-item';

/** The inbox table (userId, sk): one item per (user, message), written once with a conditional put. */
export function dynamoInbox(client: DynamoDBDocumentClient, tableName: string): Inbox {
  return {
    add(entry) {
      return conditionalWrite(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: inboxItemOf(entry),
            ConditionExpression: 'attribute_not_exists(userId)',
          }),
        ),
      );
    },

    async page(userId, limit, afterKey) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'userId = :userId',
          ExpressionAttributeValues: { ':userId': userId },
          ScanIndexForward: false,
          Limit: limit,
          ...(afterKey === undefined ? {} : { ExclusiveStartKey: { userId, sk: afterKey } }),
        }),
      );
      const items = Items.map((item) => inboxEntryOf(item).notification);
      const next = LastEvaluatedKey?.sk;
      return typeof next === 'string' ? { items, next } : { items };
    },
  };
}
