import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll, isConditionalCheckFailed } from '@chat/aws';
import { markerOfItem, type ReadPosition } from '../domain/read-markers';
import type { ReadMarkers } from '../use-cases/ports';
import { INDEXES } from './names';

/**
 * The condition under which a marker moves to a position: there is none yet, or the position is after it. With
 * `seq` on both sides the room order decides; a marker or a message without one falls back on messageId order.
 */
function forwardOnly(position: ReadPosition): Pick<UpdateCommandInput, 'ConditionExpression'> & {
  values: Record<string, unknown>;
} {
  if (position.seq === null) {
    return {
      ConditionExpression: 'attribute_not_exists(lastReadMessageId) OR lastReadMessageId < :messageId',
      values: {},
    };
  }
  return {
    ConditionExpression:
      'attribute_not_exists(lastReadMessageId) OR lastReadSeq < :seq OR ' +
      '(attribute_not_exists(lastReadSeq) AND lastReadMessageId < :messageId)',
    values: { ':seq': position.seq },
  };
}

/**
 * The read-markers table: pk userId, sk roomId → lastReadMessageId, lastReadSeq, updatedAt, correlationId (for
 * the ReadMarkerMoved events of its stream); GSI `byRoom` (roomId, userId) for a room's receipts.
 */
export function dynamoReadMarkers(client: DynamoDBDocumentClient, tableName: string): ReadMarkers {
  return {
    async get(userId, roomId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { userId, roomId }, ConsistentRead: true }),
      );
      return typeof Item?.lastReadMessageId === 'string' ? Item.lastReadMessageId : undefined;
    },

    async getMany(userId, roomIds) {
      const items = await batchGetAll(
        client,
        tableName,
        roomIds.map((roomId) => ({ userId, roomId })),
        { consistentRead: true, projection: 'roomId, lastReadMessageId' },
      );
      const markers = new Map<string, string>();
      for (const item of items) {
        if (typeof item.roomId === 'string' && typeof item.lastReadMessageId === 'string') {
          markers.set(item.roomId, item.lastReadMessageId);
        }
      }
      return markers;
    },

    async advance(userId, roomId, position, at, context) {
      const { ConditionExpression, values } = forwardOnly(position);
      const sets = ['lastReadMessageId = :messageId', 'updatedAt = :at', 'correlationId = :correlationId'];
      if (position.seq !== null) sets.push('lastReadSeq = :seq');
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { userId, roomId },
            UpdateExpression: `SET ${sets.join(', ')}${position.seq === null ? ' REMOVE lastReadSeq' : ''}`,
            ConditionExpression,
            ExpressionAttributeValues: {
              ':messageId': position.messageId,
              ':at': at.toISOString(),
              ':correlationId': context.correlationId,
              ...values,
            },
          }),
        );
        return true;
      } catch (error) {
        // The marker is already at or after this message: it never moves back.
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async ofRoom(roomId, limit, afterUserId) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEXES.readMarkersByRoom,
          KeyConditionExpression: 'roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          Limit: limit,
          ...(afterUserId === undefined ? {} : { ExclusiveStartKey: { roomId, userId: afterUserId } }),
        }),
      );
      const items = Items.map((item) => {
        const { correlationId: _correlationId, ...marker } = markerOfItem(item);
        return marker;
      });
      const last = items[items.length - 1];
      return LastEvaluatedKey !== undefined && last ? { items, next: last.userId } : { items };
    },
  };
}
