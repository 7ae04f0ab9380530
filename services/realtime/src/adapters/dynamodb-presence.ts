import type { PresenceStatus } from '@chat/events';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  backoffDelay,
  batchGetAll,
  cancellationReasons,
  CONDITION_FAILED,
  conditionFailureItem,
  epochSeconds,
  getItem,
  isConditionalCheckFailed,
  sleep,
} from '@chat/aws';
import { PRESENCE_SUMMARY_KEY, presenceTransitionOf, type PresenceSummary } from '../domain/presence';
import type {
  ConnectionChange,
  ConnectionDirectory,
  PresenceChangeOutcome,
  PresenceState,
  PresenceStore,
} from '../use-cases/ports';

/** How long a closed connection's marker is kept: longer than a stream record can be redelivered (24 h). */
export const CLOSED_MARKER_TTL_SECONDS = 2 * 24 * 60 * 60;

const connectionKey = (connectionId: string) => `connection#${connectionId}`;

/** The cancellation reason of a transaction's item another write was changing at the same time. */
const CONFLICT = 'TransactionConflict';
/** The errors of a write that met another one on the same item (DynamoDB asks to retry them). */
const CONFLICT_ERRORS = new Set(['TransactionConflictException', 'TransactionInProgressException']);

/** Attempts at a change while the summary keeps moving under it (concurrent changes of the same user). */
const MAX_CHANGE_ATTEMPTS = 10;
const CHANGE_BACKOFF = { baseDelayMs: 10, maxDelayMs: 500, random: Math.random };

type TransactItem = NonNullable<TransactWriteCommand['input']['TransactItems']>[number];

/** The summary's update for a change, conditional on the state the change was decided on (see `summaryUpdate`). */
interface SummaryWrite {
  set: string[];
  condition: string;
  values: Record<string, unknown>;
}

/**
 * The presence table: pk `userId`, sk `presence` (the summary: `openConnections`, `status`, `lastSeenAt`, and
 * `connectionIds`, the string set of the user's open connections) or `connection#<id>` (a marker per connection:
 * `state` open/closed; closed markers expire by TTL `expiresAt`). A connection is counted in and out by a
 * transaction with its marker, so a replayed stream record is applied once. The status moves in the same
 * transaction, decided on the summary as read just before (`presenceTransitionOf`) and conditional on it still
 * being so: a change of the same user that came in between cancels it and the change is decided again. So every
 * write is expected to succeed (no blind conditional writes), and the status flips exactly once per transition.
 * The table's stream publishes PresenceChanged. The summary also serves as the ConnectionDirectory (see
 * `dynamoConnectionDirectory`).
 */
export function dynamoPresenceStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date = () => new Date(),
): PresenceStore {
  const summaryKey = (userId: string) => ({ userId, sk: PRESENCE_SUMMARY_KEY });

  async function summaryOf(userId: string): Promise<PresenceSummary | undefined> {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: summaryKey(userId),
        ConsistentRead: true,
        ProjectionExpression: 'openConnections, #status',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    if (!Item) return undefined;
    const status = Item.status === 'online' || Item.status === 'offline' ? Item.status : undefined;
    return {
      openConnections: typeof Item.openConnections === 'number' ? Item.openConnections : 0,
      ...(status ? { status } : {}),
    };
  }

  /**
   * The summary's part of a change: the count (and, for a close, the directory entry), the status when it
   * moves, and the condition that the summary is still in the state the decision was made on.
   */
  function summaryUpdate(change: ConnectionChange, transition: PresenceStatus | undefined): SummaryWrite {
    const notOnline = '(attribute_not_exists(#status) OR #status <> :online)';
    const write: SummaryWrite = {
      set: [],
      condition: '',
      values: { ':delta': change.kind === 'opened' ? 1 : -1, ':online': 'online' },
    };
    if (change.kind === 'closed') write.values[':ids'] = new Set([change.connectionId]);
    if (transition) {
      write.set.push('#status = :to', 'lastSeenAt = :at');
      Object.assign(write.values, { ':to': transition, ':at': change.at });
    }
    if (change.kind === 'opened') {
      write.condition = transition ? notOnline : '#status = :online';
    } else {
      write.values[':one'] = 1;
      write.condition = transition
        ? '#status = :online AND openConnections <= :one'
        : `${notOnline} OR openConnections > :one`;
    }
    return write;
  }

  /**
   * Applies a change: the marker's write (the replay guard) and the summary's in one transaction. A cancelled
   * marker means the change was applied already; a cancelled summary (or a conflict with a concurrent
   * transaction) means the summary moved on: read it again and decide again.
   */
  async function apply(change: ConnectionChange, marker: TransactItem): Promise<PresenceChangeOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      const transition = presenceTransitionOf(change.kind, await summaryOf(change.userId));
      const write = summaryUpdate(change, transition);
      const expression = [
        `ADD openConnections :delta`,
        ...(change.kind === 'closed' ? ['DELETE connectionIds :ids'] : []),
        ...(write.set.length > 0 ? [`SET ${write.set.join(', ')}`] : []),
      ].join(' ');
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              marker,
              {
                Update: {
                  TableName: tableName,
                  Key: summaryKey(change.userId),
                  UpdateExpression: expression,
                  ConditionExpression: write.condition,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: write.values,
                },
              },
            ],
          }),
        );
        return transition ? { counted: true, transition } : { counted: true };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons?.[0] === CONDITION_FAILED) return { counted: false };
        const moved =
          (error instanceof Error && CONFLICT_ERRORS.has(error.name)) ||
          (reasons !== undefined && reasons.some((r) => r === CONDITION_FAILED || r === CONFLICT));
        if (!moved || attempt >= MAX_CHANGE_ATTEMPTS) throw error;
        // Concurrent changes of one user (several devices) spread out before they read again.
        await sleep(backoffDelay(attempt, CHANGE_BACKOFF));
      }
    }
  }

  return {
    connectionOpened(change) {
      return apply(change, {
        Put: {
          TableName: tableName,
          Item: {
            userId: change.userId,
            sk: connectionKey(change.connectionId),
            state: 'open',
            openedAt: change.at,
          },
          ConditionExpression: 'attribute_not_exists(sk)',
        },
      });
    },

    connectionClosed(change) {
      const expiresAt = epochSeconds(now()) + CLOSED_MARKER_TTL_SECONDS;
      return apply(change, {
        Update: {
          TableName: tableName,
          Key: { userId: change.userId, sk: connectionKey(change.connectionId) },
          UpdateExpression: 'SET #state = :closed, closedAt = :at, expiresAt = :expiresAt',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':closed': 'closed',
            ':open': 'open',
            ':at': change.at,
            ':expiresAt': expiresAt,
          },
        },
      });
    },

    async statesOf(userIds) {
      const states = new Map<string, PresenceState>();
      const items = await batchGetAll(client, tableName, userIds.map(summaryKey), {
        projection: 'userId, #status, lastSeenAt',
        names: { '#status': 'status' },
      });
      for (const item of items) {
        if (typeof item.userId !== 'string') continue;
        states.set(item.userId, {
          status: item.status === 'online' ? 'online' : 'offline',
          lastSeenAt: typeof item.lastSeenAt === 'string' ? item.lastSeenAt : null,
        });
      }
      return states;
    },
  };
}

/**
 * The ConnectionDirectory on the presence table's summary items: `connectionIds` (a string set) gets the id on
 * `$connect` (ADD) and loses it on `$disconnect`, a 410 or the record's removal (DELETE); both are idempotent.
 * A fan-out reads a page of members with consistent BatchGetItem calls (100 keys each, only `connectionIds`).
 * `register` is conditional on the set's size: the per-user connection cap, exact under concurrent handshakes
 * (DynamoDB applies writes to one item one at a time).
 */
export function dynamoConnectionDirectory(
  client: DynamoDBDocumentClient,
  tableName: string,
): ConnectionDirectory {
  const key = (userId: string) => ({ userId, sk: PRESENCE_SUMMARY_KEY });
  const idsOf = (item: Record<string, unknown> | undefined): string[] =>
    item?.connectionIds instanceof Set
      ? [...item.connectionIds].filter((id): id is string => typeof id === 'string')
      : [];
  return {
    async register(userId, connectionId, max) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(userId),
            UpdateExpression: 'ADD connectionIds :ids',
            // A retried registration of the same connection is no new connection.
            ConditionExpression:
              'attribute_not_exists(connectionIds) OR size(connectionIds) < :max OR contains(connectionIds, :id)',
            ExpressionAttributeValues: { ':ids': new Set([connectionId]), ':max': max, ':id': connectionId },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { registered: true };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const found =
          conditionFailureItem(error) ??
          (await getItem(client, tableName, key(userId), {
            consistentRead: true,
            projection: 'connectionIds',
          }));
        return { registered: false, connectionIds: idsOf(found) };
      }
    },
    async unregister(userId, connectionId) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(userId),
          UpdateExpression: 'DELETE connectionIds :ids',
          ExpressionAttributeValues: { ':ids': new Set([connectionId]) },
        }),
      );
    },
    async connectionsOf(userIds) {
      const routes = new Map<string, string[]>();
      const items = await batchGetAll(client, tableName, [...new Set(userIds)].map(key), {
        projection: 'userId, connectionIds',
        consistentRead: true,
      });
      for (const item of items) {
        const ids = idsOf(item);
        if (typeof item.userId !== 'string' || ids.length === 0) continue;
        routes.set(item.userId, ids);
      }
      return routes;
    },
  };
}
