import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, getItem } from '@chat/aws';
import { createLogger, type Logger } from '@chat/runtime';
import { DEFAULT_CONSUMER_TIMEOUT_SECONDS } from './consumer-timeout';

export interface IdempotencyGuardOptions {
  client: DynamoDBDocumentClient;
  /** A table with the key schema of `idempotencyTableProperties` (pk string hash key, TTL expiresAt). */
  tableName: string;
  /** How long a processed event is remembered; longer than the source's redelivery window (EventBridge: 24 h). */
  ttlSeconds: number;
  /** Names the consumer (e.g. `realtime.fan-out`), so two consumers of one event do not share markers. */
  consumer: string;
  /**
   * How long one delivery holds an event while its handler runs: the consumer's timeout (default
   * DEFAULT_CONSUMER_TIMEOUT_SECONDS, the functions' default timeout), so that the lock frees when the delivery
   * that holds it is dead (timed out or crashed) and a retry takes over. Longer, and the retries of a crashed
   * delivery fail until they run out; shorter, and a retry may run while the first delivery still does.
   */
  lockSeconds?: number;
  /**
   * The consumer's effect may run twice without harm (frames clients de-duplicate by eventId, a conditional put,
   * a delete): then the guard takes no lock (see `createIdempotencyGuard`), one read and one write per event
   * instead of two writes, and two deliveries at the same moment may both run. Default false: the lock.
   */
  repeatable?: boolean;
  /** Clock in epoch milliseconds (default Date.now). */
  now?: () => number;
  logger?: Logger;
}

export type OnceResult<T> = { executed: true; result: T } | { executed: false };

/**
 * A delivery of an event another delivery of the same consumer is handling (its lock has not expired): this one
 * fails, so that it is retried later (Lambda's asynchronous retries, the stream's retry), when the other has
 * either finished (the retry skips) or died (its lock expires and the retry runs the work again). Not an error of
 * the event: consumers log it as a warning. Powertools' `IdempotencyAlreadyInProgressError` is the same.
 */
export class EventInProgressError extends Error {
  override readonly name = 'EventInProgressError';

  constructor(
    readonly consumer: string,
    readonly eventId: string,
    /** When the other delivery's lock expires (epoch seconds), when known. */
    readonly lockedUntil: number | undefined,
  ) {
    super(
      `event ${eventId} is being handled by another delivery of ${consumer}` +
        (lockedUntil === undefined ? '' : ` (locked until ${new Date(lockedUntil * 1000).toISOString()})`) +
        ': retry later',
    );
  }
}

export function isEventInProgress(error: unknown): error is EventInProgressError {
  return error instanceof EventInProgressError;
}

export interface IdempotencyGuard {
  /**
   * Runs `fn` unless this consumer has already handled `eventId` (a `done` marker: `{ executed: false }`).
   * Throws EventInProgressError, without running `fn`, while another delivery holds the event (an `in-progress`
   * marker within its lock); takes over a lock that has expired (its delivery died) and runs `fn` again. When
   * `fn` throws, the marker is removed, so a retry runs it again, and the error is rethrown.
   */
  once<T>(eventId: string, fn: () => Promise<T>): Promise<OnceResult<T>>;
}

/**
 * An idempotency guard on `metadata.eventId` backed by DynamoDB, in one of two modes (docs/decisions/011).
 *
 * Repeatable (`repeatable: true`): an eventually consistent read of the marker first (`done`: skipped), then `fn`,
 * then one conditional put of the `done` marker `{ pk, expiresAt, status: 'done' }`. Nothing is written before
 * the work, so a delivery that dies mid-work leaves nothing behind and its retry runs the work again; two
 * deliveries at the same moment (or one within the read's consistency window of another's end) may both run,
 * which is why only consumers whose effect is harmless to repeat take this mode. A put that finds a marker
 * already there (a concurrent delivery finished first) is logged, not an error.
 *
 * Locked (the default): it writes the marker
 * `{ pk: 'evt#<consumer>#<eventId>', expiresAt, status: 'in-progress', lockedUntil, owner }` with a
 * conditional put (absent, TTL-expired, or an in-progress lock that has expired), runs `fn`, then marks it
 * `done`. Of two concurrent deliveries only one wins the put; the other reads the marker: `done`, it skips;
 * still `in-progress`, it throws EventInProgressError (an in-progress marker is not a done one: the work may have
 * stopped halfway, so only a later delivery that finds it done may skip it).
 */
export function createIdempotencyGuard(options: IdempotencyGuardOptions): IdempotencyGuard {
  const { client, tableName, ttlSeconds, consumer } = options;
  const lockSeconds = options.lockSeconds ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ component: 'events.idempotency', consumer });
  if (options.repeatable) return repeatableGuard({ client, tableName, ttlSeconds, consumer, now, logger });

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
            // `lockedUntil <= :now`: lockedUntil is floor(start) + lockSeconds, at or before the moment the holder
            // times out, so a retry that comes after that timeout always takes over.
            ConditionExpression:
              'attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND lockedUntil <= :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': nowSeconds, ':inProgress': 'in-progress' },
          }),
        ),
      );
      if (!taken) {
        const marker = await getItem(client, tableName, { pk }, { consistentRead: true });
        if (marker?.['status'] === 'done') {
          logger.info('event already handled, skipped', { eventId });
          return { executed: false };
        }
        // In progress in another delivery (or gone since the put: released by a failed delivery, or taken and
        // done; either way a retry decides).
        const lockedUntil = marker?.['lockedUntil'];
        throw new EventInProgressError(
          consumer,
          eventId,
          typeof lockedUntil === 'number' ? lockedUntil : undefined,
        );
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

/** The guard of a repeatable consumer: read, run, mark done (see createIdempotencyGuard). */
function repeatableGuard(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  ttlSeconds: number;
  consumer: string;
  now: () => number;
  logger: Logger;
}): IdempotencyGuard {
  const { client, tableName, ttlSeconds, consumer, now, logger } = options;
  return {
    async once<T>(eventId: string, fn: () => Promise<T>): Promise<OnceResult<T>> {
      const pk = `evt#${consumer}#${eventId}`;
      const marker = await getItem(client, tableName, { pk });
      if (marker?.['status'] === 'done' && Number(marker['expiresAt']) >= Math.floor(now() / 1000)) {
        logger.info('event already handled, skipped', { eventId });
        return { executed: false };
      }
      const result = await fn();
      const nowSeconds = Math.floor(now() / 1000);
      try {
        const first = await conditionalWrite(
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: { pk, expiresAt: nowSeconds + ttlSeconds, status: 'done' },
              // A done marker already there: a delivery at the same moment finished first (both ran).
              ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #status <> :done',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':now': nowSeconds, ':done': 'done' },
            }),
          ),
        );
        if (!first) logger.info('event handled by two deliveries at once (repeatable)', { eventId });
      } catch (error) {
        logger.warn('handled, but could not mark the event done', { eventId, error });
      }
      return { executed: true, result };
    },
  };
}
