import { createHash } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, getItem } from '@chat/aws';
import type { SessionStore } from '../use-cases/ports';

/** The sessions table's key of a refresh token: its SHA-256, so the table never holds a usable token. */
export function sessionIdOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken, 'utf8').digest('hex');
}

/** Sessions table (`sessionId`): `{sessionId, userId, startedAt, expiresAt}` (TTL = the refresh token's life). */
export function dynamoSessionStore(client: DynamoDBDocumentClient, tableName: string): SessionStore {
  return {
    async start({ refreshToken, userId, startedAt, expiresAt }) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            sessionId: sessionIdOf(refreshToken),
            userId,
            startedAt: startedAt.toISOString(),
            expiresAt: epochSeconds(expiresAt),
          },
        }),
      );
    },

    async find(refreshToken) {
      const item = await getItem(
        client,
        tableName,
        { sessionId: sessionIdOf(refreshToken) },
        { consistentRead: true },
      );
      if (!item || typeof item.userId !== 'string' || typeof item.startedAt !== 'string') return undefined;
      if (typeof item.expiresAt === 'number' && item.expiresAt * 1000 <= Date.now()) return undefined;
      return { userId: item.userId, startedAt: new Date(item.startedAt) };
    },
  };
}
