import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '@chat/aws';
import type { UserContentIndex } from '../use-cases/ports';
import { INDEXES } from './names';

export interface UserContentTables {
  messages: string;
  reactions: string;
  readMarkers: string;
}

/** An index page's LastEvaluatedKey as an opaque string, and back (only ever read from this adapter's output). */
const encodeStartKey = (key: Record<string, unknown>) => JSON.stringify(key);
const decodeStartKey = (after: string) => JSON.parse(after) as Record<string, unknown>;

/** `<roomId>#<messageId>` of a reactions item (ids hold no `#`: the id rule). */
function messageKeyParts(messageKey: string): { roomId: string; messageId: string } {
  const at = messageKey.indexOf('#');
  return { roomId: messageKey.slice(0, at), messageId: messageKey.slice(at + 1) };
}

/**
 * What a user holds in messaging's tables, by index: the messages table's sparse GSI `bySender` (`liveSender`,
 * `messageId`; a tombstone drops `liveSender`), the reactions table's GSI `byUser` (`userId`, `messageKey`), and the
 * read-markers table's own partition (`userId`).
 */
export function dynamoUserContent(
  client: DynamoDBDocumentClient,
  tables: UserContentTables,
): UserContentIndex {
  return {
    async messagesOf(userId, limit, after) {
      const output = await client.send(
        new QueryCommand({
          TableName: tables.messages,
          IndexName: INDEXES.messagesBySender,
          KeyConditionExpression: 'liveSender = :userId',
          ExpressionAttributeValues: { ':userId': userId },
          Limit: limit,
          ...(after === undefined ? {} : { ExclusiveStartKey: decodeStartKey(after) }),
        }),
      );
      return {
        items: (output.Items ?? []).map((item) => ({
          roomId: String(item.roomId),
          messageId: String(item.messageId),
        })),
        ...(output.LastEvaluatedKey ? { next: encodeStartKey(output.LastEvaluatedKey) } : {}),
      };
    },

    async reactionsOf(userId, limit, after) {
      const output = await client.send(
        new QueryCommand({
          TableName: tables.reactions,
          IndexName: INDEXES.reactionsByUser,
          KeyConditionExpression: 'userId = :userId',
          ExpressionAttributeValues: { ':userId': userId },
          Limit: limit,
          ...(after === undefined ? {} : { ExclusiveStartKey: decodeStartKey(after) }),
        }),
      );
      const suffix = `#${userId}`;
      return {
        items: (output.Items ?? []).map((item) => {
          const reactionKey = String(item.reactionKey);
          return {
            ...messageKeyParts(String(item.messageKey)),
            reaction: reactionKey.slice(0, reactionKey.length - suffix.length),
          };
        }),
        ...(output.LastEvaluatedKey ? { next: encodeStartKey(output.LastEvaluatedKey) } : {}),
      };
    },

    async dropReaction(key, reaction, userId) {
      await client.send(
        new DeleteCommand({
          TableName: tables.reactions,
          Key: { messageKey: `${key.roomId}#${key.messageId}`, reactionKey: `${reaction}#${userId}` },
        }),
      );
    },

    async dropReadMarkers(userId) {
      let dropped = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tables.readMarkers,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ProjectionExpression: 'userId, roomId',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        const keys = output.Items ?? [];
        await batchWriteAll(
          client,
          tables.readMarkers,
          keys.map((item) => ({ delete: { userId: item.userId, roomId: item.roomId } })),
        );
        dropped += keys.length;
        start = output.LastEvaluatedKey;
      } while (start);
      return dropped;
    },
  };
}
