import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, epochSeconds } from '@chat/aws';
import { dynamoRevocationReader, revocationAttributes as a } from '@chat/auth-verifier';
import type { RevocationLedger } from '../use-cases/ports';

/**
 * The revocations table (`userId`), in the format @chat/auth-verifier reads: `{userId, revokedAt,
 * allowedSessions (string set), expiresAt (TTL), correlationId, closedAt?}`. Its stream is the outbox of
 * UserLoggedOut and (a newly closed account) UserDeleted.
 */
export function dynamoRevocationLedger(client: DynamoDBDocumentClient, tableName: string): RevocationLedger {
  const reader = dynamoRevocationReader(client, tableName);
  return {
    current: (userId) => reader.get(userId),

    async revoke(userId, at, { expiresAt, correlationId }) {
      // Refused when a later logout is already recorded: that one stands.
      await conditionalWrite(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              [a.userId]: userId,
              [a.revokedAt]: at.toISOString(),
              [a.expiresAt]: epochSeconds(expiresAt),
              [a.correlationId]: correlationId,
            },
            // A closed account's record is never replaced (it would make its tokens valid again).
            ConditionExpression:
              'attribute_not_exists(#userId) OR (#revokedAt < :revokedAt AND attribute_not_exists(#closedAt))',
            ExpressionAttributeNames: {
              '#userId': a.userId,
              '#revokedAt': a.revokedAt,
              '#closedAt': a.closedAt,
            },
            ExpressionAttributeValues: { ':revokedAt': at.toISOString() },
          }),
        ),
      );
    },

    async allowSession(userId, revokedAt, sessionKey) {
      // Refused when a newer logout replaced the record: the session stays revoked.
      await conditionalWrite(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [a.userId]: userId },
            UpdateExpression: 'ADD #allowed :session',
            ConditionExpression: '#revokedAt = :revokedAt AND attribute_not_exists(#closedAt)',
            ExpressionAttributeNames: {
              '#allowed': a.allowedSessions,
              '#revokedAt': a.revokedAt,
              '#closedAt': a.closedAt,
            },
            ExpressionAttributeValues: { ':session': new Set([sessionKey]), ':revokedAt': revokedAt },
          }),
        ),
      );
    },

    async close(userId, at, { correlationId }) {
      const written = await conditionalWrite(
        client.send(
          new PutCommand({
            TableName: tableName,
            // No expiresAt: the record refuses the account's tokens for good.
            Item: {
              [a.userId]: userId,
              [a.revokedAt]: at.toISOString(),
              [a.closedAt]: at.toISOString(),
              [a.correlationId]: correlationId,
            },
            ConditionExpression: 'attribute_not_exists(#closedAt)',
            ExpressionAttributeNames: { '#closedAt': a.closedAt },
          }),
        ),
      );
      return written ? 'closed' : 'already-closed';
    },
  };
}
