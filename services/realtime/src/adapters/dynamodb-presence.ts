import { TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  batchGetAll,
  cancellationReasons,
  CONDITION_FAILED,
  conditionalWrite,
  conditionFailureItem,
  epochSeconds,
  getItem,
  isConditionalCheckFailed,
  setAttributes,
} from '@chat/aws';
import { PRESENCE_SUMMARY_KEY } from '../domain/presence';
import type { ConnectionChange, ConnectionDirectory, PresenceState, PresenceStore } from '../use-cases/ports';

/** How long a closed connection's marker is kept: longer than a stream record can be redelivered (24 h). */
export const CLOSED_MARKER_TTL_SECONDS = 2 * 24 * 60 * 60;

const connectionKey = (connectionId: string) => `connection#${connectionId}`;

/** A transaction cancelled because its first item's condition failed (the change was already applied). */
function alreadyApplied(error: unknown): boolean {
  return cancellationReasons(error)?.[0] === CONDITION_FAILED;
}

/**
 * The presence table: pk `userId`, sk `presence` (the summary: `openConnections`, `status`, `lastSeenAt`, and
 * `connectionIds`, the string set of the user's open connections) or `connection#<id>` (a marker per connection:
 * `state` open/closed; closed markers expire by TTL `expiresAt`). A connection is counted in and out by a
 * transaction with its marker, so a replayed stream record is applied once; the status follows the count through
 * conditional writes. The table's stream publishes PresenceChanged. The summary also serves as the
 * ConnectionDirectory (see `dynamoConnectionDirectory`).
 */
export function dynamoPresenceStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date = () => new Date(),
): PresenceStore {
  const summaryKey = (userId: string) => ({ userId, sk: PRESENCE_SUMMARY_KEY });

  const count = (userId: string, delta: number) => ({
    Update: {
      TableName: tableName,
      Key: summaryKey(userId),
      UpdateExpression: 'ADD openConnections :delta',
      ExpressionAttributeValues: { ':delta': delta },
    },
  });

  /** Counts a connection out and drops it from the directory (for a stale one, no $disconnect did). */
  const countOut = (userId: string, connectionId: string) => ({
    Update: {
      TableName: tableName,
      Key: summaryKey(userId),
      UpdateExpression: 'ADD openConnections :delta DELETE connectionIds :ids',
      ExpressionAttributeValues: { ':delta': -1, ':ids': new Set([connectionId]) },
    },
  });

  async function transact(items: NonNullable<TransactWriteCommand['input']['TransactItems']>) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (alreadyApplied(error)) return false;
      throw error;
    }
  }

  /** Moves the status to `to` when the count calls for it and it is not there yet; `false` when it did not. */
  function setStatus(userId: string, at: string, to: 'online' | 'offline'): Promise<boolean> {
    return conditionalWrite(
      setAttributes(
        client,
        tableName,
        summaryKey(userId),
        { status: to, lastSeenAt: at },
        to === 'online'
          ? {
              ConditionExpression:
                'openConnections > :zero AND (attribute_not_exists(#status) OR #status <> :status)',
              ExpressionAttributeValues: { ':zero': 0 },
            }
          : {
              ConditionExpression: 'openConnections <= :zero AND #status = :online',
              ExpressionAttributeValues: { ':zero': 0, ':online': 'online' },
            },
      ),
    );
  }

  return {
    connectionOpened(change: ConnectionChange) {
      return transact([
        {
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
        },
        count(change.userId, 1),
      ]);
    },

    connectionClosed(change: ConnectionChange) {
      const expiresAt = epochSeconds(now()) + CLOSED_MARKER_TTL_SECONDS;
      return transact([
        {
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
        },
        countOut(change.userId, change.connectionId),
      ]);
    },

    async reconcile(userId, at) {
      if (await setStatus(userId, at, 'online')) return 'online';
      if (await setStatus(userId, at, 'offline')) return 'offline';
      return undefined;
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
