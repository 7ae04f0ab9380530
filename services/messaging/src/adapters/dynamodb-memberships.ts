import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MemberRole } from '../domain/permissions';
import type { Membership, MembershipReader } from '../use-cases/ports';

const ROLES: readonly MemberRole[] = ['owner', 'admin', 'member'];

/** The index of the memberships table that finds a room's member by username (roomId HASH, username RANGE). */
export const BY_USERNAME_INDEX = 'byUsername';

/**
 * The rooms service's memberships table (pk roomId, sk userId), read-only and consistently: a GetItem for a
 * membership, a Query of its `byUsername` local secondary index per mentioned name.
 */
export function dynamoMembershipReader(client: DynamoDBDocumentClient, tableName: string): MembershipReader {
  return {
    async membershipOf(roomId, userId): Promise<Membership | undefined> {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { roomId, userId },
          ProjectionExpression: 'roomId, userId, #role',
          ExpressionAttributeNames: { '#role': 'role' },
          ConsistentRead: true,
        }),
      );
      if (!Item) return undefined;
      const role = ROLES.find((r) => r === Item.role) ?? 'member';
      return { roomId, userId, role };
    },

    async membersByUsername(roomId, usernames) {
      const found = await Promise.all(
        usernames.map(async (username) => {
          const { Items = [] } = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: BY_USERNAME_INDEX,
              KeyConditionExpression: 'roomId = :roomId AND username = :username',
              ExpressionAttributeValues: { ':roomId': roomId, ':username': username },
              ProjectionExpression: 'userId, username',
              ConsistentRead: true,
              Limit: 1,
            }),
          );
          const userId = Items[0]?.userId;
          return typeof userId === 'string' ? ([username, userId] as const) : undefined;
        }),
      );
      return new Map(found.filter((entry) => entry !== undefined));
    },
  };
}
