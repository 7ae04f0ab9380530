import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MembershipReader } from '../use-cases/ports';

/**
 * The rooms service's memberships table (roomId, userId), read-only and strongly consistent, so a member
 * who has just joined counts at once and one who has just left does not (docs/decisions/003-membership-reads.md).
 * A membership that rooms has marked for removal (`removalReason`, set just before it is deleted) no longer counts.
 */
export function dynamoMembershipReader(client: DynamoDBDocumentClient, tableName: string): MembershipReader {
  return {
    async isMember(roomId, userId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { roomId, userId },
          ProjectionExpression: 'userId, removalReason',
          ConsistentRead: true,
        }),
      );
      return Item !== undefined && Item.removalReason === undefined;
    },

    async membersOf(roomId, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          ProjectionExpression: 'userId, removalReason',
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return Items.flatMap((item) =>
        typeof item.userId === 'string' && item.removalReason === undefined ? [item.userId] : [],
      );
    },
  };
}
