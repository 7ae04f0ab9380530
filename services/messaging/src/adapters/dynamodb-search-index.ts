import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '@chat/aws';
import type { MessageKey, SearchIndex } from '../use-cases/ports';

/**
 * The search index on DynamoDB (docs/decisions/005-message-search.md): one small item per (term, message), pk
 * `term` = `<roomId>#<term>` (a room's postings of one term), sk `messageId` (newest first by a descending Query).
 * Room ids never hold `#`.
 */
export function dynamoSearchIndex(client: DynamoDBDocumentClient, tableName: string): SearchIndex {
  const termKey = (roomId: string, term: string) => `${roomId}#${term}`;
  return {
    async update(message: MessageKey, added, removed) {
      const key = (term: string) => ({ term: termKey(message.roomId, term), messageId: message.messageId });
      await batchWriteAll(client, tableName, [
        ...added.map((term) => ({ put: { ...key(term), roomId: message.roomId } })),
        ...removed.map((term) => ({ delete: key(term) })),
      ]);
    },

    async postings(roomId, term, { before, limit }) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression:
            before === undefined ? '#term = :term' : '#term = :term AND messageId < :before',
          ExpressionAttributeNames: { '#term': 'term' },
          ExpressionAttributeValues: {
            ':term': termKey(roomId, term),
            ...(before === undefined ? {} : { ':before': before }),
          },
          ProjectionExpression: 'messageId',
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return {
        messageIds: Items.map((item) => String(item.messageId)),
        hasMore: LastEvaluatedKey !== undefined,
      };
    },
  };
}
