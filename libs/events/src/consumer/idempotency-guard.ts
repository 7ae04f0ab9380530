import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@chat/aws';
import { createLogger, type Logger } from '@chat/runtime';

export interface IdempotencyGuardOptions {
  client: DynamoDBDocumentClient;
  /** A table with the key schema of `idempotencyTableProperties` (pk string hash key, TTL expiresAt). */
  tableName: string;
  /** How long a processed event is remembered; longer than the source's redelivery window (EventBridge: 24 h). */
  ttlSeconds: number;
  /** Names the consumer (e.g. `realtime.fan-out`), so two consumers of one event do not share markers. */
  consumer: string;
  /**
   * How long one delivery holds an event while its handler runs (default 900 s, Lambda's longest timeout):
   * if that delivery dies without finishing, a later one may take over after this.
   */
  lockSeconds?: number;
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
  logger?: Logger;
}

export type OnceResult<T> = { executed: true; result: T } | { executed: false };

export interface IdempotencyGuard {
  /**
   * Runs `fn` unless this consumer has already handled (or is handling) `eventId`. When `fn` throws,
   * the marker is removed, so a retry runs it again, and the error is rethrown.
   */
  once<T>(eventId: string, fn: () => Promise<T>): Promise<OnceResult<T>>;
}

/**
 * An idempotency guard on `metadata.eventId` backed by DynamoDB. It writes the marker
 * `{ pk: 'evt#<consumer>#<eventId>', expiresAt, status: 'in-progress', lockedUntil, owner }` with a
 * conditional put (absent, TTL-expired, or an abandoned in-progress lock), runs `fn`, then marks it
 * `done`. Of two concurrent deliveries only one wins the put; the other skips.
 */
export function createIdempotencyGuard(options: IdempotencyGuardOptions): IdempotencyGuard {
  const { client, tableName, ttlSeconds, consumer } = options;
  const lockSeconds = options.lockSeconds ?? 900;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ component: 'events.idempotency', consumer });

  return {
    async once<T>(eventId: string, fn: () => Promise<T>): Promise<OnceResult<T>> {
      const pk = `evt#${consumer}#${eventId}`;
      const owner = randomUUID();
      const nowSeconds = Math.floor(now() / 1000);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk,
              expiresAt: nowSeconds + ttlSeconds,
              status: 'in-progress',
              lockedUntil: nowSeconds + lockSeconds,
              owner,
            },
            ConditionExpression:
              'attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND lockedUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': nowSeconds, ':inProgress': 'in-progress' },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        logger.info('event already handled, skipped', { eventId });
        return { executed: false };
      }

      let result: T;
      try {
        result = await fn();
      } catch (error) {
        try {
          await client.send(
            new DeleteCommand({
              TableName: tableName,
              Key: { pk },
              ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':owner': owner },
            }),
          );
        } catch (releaseError) {
          logger.warn('could not release the idempotency marker', { eventId, error: releaseError });
        }
        throw error;
      }

      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk },
            UpdateExpression: 'SET #status = :done REMOVE lockedUntil',
            ConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
            ExpressionAttributeValues: { ':done': 'done', ':owner': owner },
          }),
        );
      } catch (markError) {
        logger.warn('handled, but could not mark the event done', { eventId, error: markError });
      }
      return { executed: true, result };
    },
  };
}
