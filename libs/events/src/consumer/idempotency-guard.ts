import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from '@chat/aws';
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
      const taken = await conditionalWrite(
        client.send(
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
        ),
      );
      if (!taken) {
        logger.info('event already handled, skipped', { eventId });
        return { executed: false };
      }

      /** This delivery's marker: a write on it holds only while this delivery still owns it. */
      const ownMarker = { TableName: tableName, Key: { pk }, ConditionExpression: '#owner = :owner' };
      /** A write on the marker whose failure is logged: it does not fail the delivery. */
      const bestEffort = async (warning: string, write: () => Promise<unknown>) => {
        try {
          await write();
        } catch (error) {
          logger.warn(warning, { eventId, error });
        }
      };

      let result: T;
      try {
        result = await fn();
      } catch (error) {
        await bestEffort('could not release the idempotency marker', () =>
          client.send(
            new DeleteCommand({
              ...ownMarker,
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':owner': owner },
            }),
          ),
        );
        throw error;
      }

      await bestEffort('handled, but could not mark the event done', () =>
        client.send(
          new UpdateCommand({
            ...ownMarker,
            UpdateExpression: 'SET #status = :done REMOVE lockedUntil',
            ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
            ExpressionAttributeValues: { ':done': 'done', ':owner': owner },
          }),
        ),
      );
      return { executed: true, result };
    },
  };
}
