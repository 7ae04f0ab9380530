import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MembershipReader, Page } from '../use-cases/ports';

/** The memberships table's index of a user's rooms (userId HASH, roomId RANGE). */
export const BY_USER_INDEX = 'byUser';

/**
 * rooms' memberships table (pk `roomId`, sk `userId`), read-only: a consistent GetItem for "is a member", Query
 * pages of a room's members, and of a user's rooms through the `byUser` index. Only the key attributes are read.
 */
export function dynamoMembershipReader(client: DynamoDBDocumentClient, tableName: string): MembershipReader {
  return {
    async isMember(roomId, userId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { roomId, userId },
          ProjectionExpression: 'userId',
          ConsistentRead: true,
        }),
      );
      return Item !== undefined;
    },

    async membersPage(roomId, { after, limit }): Promise<Page<string>> {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          ProjectionExpression: 'userId',
          ConsistentRead: true,
          Limit: limit,
          ...(after === undefined ? {} : { ExclusiveStartKey: { roomId, userId: after } }),
        }),
      );
      const items = Items.map((item) => item.userId).filter((id): id is string => typeof id === 'string');
      const next = typeof LastEvaluatedKey?.userId === 'string' ? LastEvaluatedKey.userId : undefined;
      return next === undefined ? { items } : { items, next };
    },

    async roomsPage(userId, { after, limit }): Promise<Page<string>> {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: BY_USER_INDEX,
          KeyConditionExpression: 'userId = :userId',
          ExpressionAttributeValues: { ':userId': userId },
          ProjectionExpression: 'roomId',
          Limit: limit,
          ...(after === undefined ? {} : { ExclusiveStartKey: { roomId: after, userId } }),
        }),
      );
      const items = Items.map((item) => item.roomId).filter((id): id is string => typeof id === 'string');
      const next = typeof LastEvaluatedKey?.roomId === 'string' ? LastEvaluatedKey.roomId : undefined;
      return next === undefined ? { items } : { items, next };
    },
  };
}
