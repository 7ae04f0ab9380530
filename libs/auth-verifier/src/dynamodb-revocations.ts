import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { revocationAttributes, revocationRecordOf, type RevocationReader } from './revocation';

/**
 * Reads revocation records from auth's revocations table with one strongly consistent GetItem (the only
 * permission a reading service needs: `dynamodb:GetItem` on that table).
 */
export function dynamoRevocationReader(client: DynamoDBDocumentClient, tableName: string): RevocationReader {
  return {
    async get(userId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { [revocationAttributes.userId]: userId },
          ConsistentRead: true,
          ProjectionExpression: '#u, #r, #a, #c',
          ExpressionAttributeNames: {
            '#u': revocationAttributes.userId,
            '#r': revocationAttributes.revokedAt,
            '#a': revocationAttributes.allowedSessions,
            '#c': revocationAttributes.closedAt,
          },
        }),
      );
      return revocationRecordOf(Item);
    },
  };
}
