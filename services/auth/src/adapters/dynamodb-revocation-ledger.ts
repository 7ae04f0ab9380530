import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, isConditionalCheckFailed } from '@chat/aws';
import { dynamoRevocationReader, revocationAttributes as a } from '@chat/auth-verifier';
import type { RevocationLedger } from '../use-cases/ports';

/**
 * The revocations table (`userId`), in the format @chat/auth-verifier reads: `{userId, revokedAt,
 * allowedSessions (string set), expiresAt (TTL), correlationId}`. Its stream is the UserLoggedOut outbox.
 */
export function dynamoRevocationLedger(client: DynamoDBDocumentClient, tableName: string): RevocationLedger {
  const reader = dynamoRevocationReader(client, tableName);
  return {
    current: (userId) => reader.get(userId),

    async revoke(userId, at, { expiresAt, correlationId }) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              [a.userId]: userId,
              [a.revokedAt]: at.toISOString(),
              [a.expiresAt]: epochSeconds(expiresAt),
              [a.correlationId]: correlationId,
            },
            ConditionExpression: 'attribute_not_exists(#userId) OR #revokedAt < :revokedAt',
            ExpressionAttributeNames: { '#userId': a.userId, '#revokedAt': a.revokedAt },
            ExpressionAttributeValues: { ':revokedAt': at.toISOString() },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error; // a later logout is already recorded
      }
    },

    async allowSession(userId, revokedAt, sessionKey) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [a.userId]: userId },
            UpdateExpression: 'ADD #allowed :session',
            ConditionExpression: '#revokedAt = :revokedAt',
            ExpressionAttributeNames: { '#allowed': a.allowedSessions, '#revokedAt': a.revokedAt },
            ExpressionAttributeValues: { ':session': new Set([sessionKey]), ':revokedAt': revokedAt },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error; // a newer logout replaced the record: the session stays revoked
      }
    },
  };
}
