import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, conditionalWrite, getItem, setAttributes } from '@chat/aws';
import type { ConnectionStore, UserConnection } from '../use-cases/ports';
import { INDEXES } from './names';

/**
 * The connections table: pk `connectionId`; attributes `userId`, `username`, `connectedAt`, `lastActiveAt`
 * (ISO-8601) and `expiresAt` (TTL, epoch seconds); GSI `byUserId`. messaging reads `userId` by connectionId.
 */
export function dynamoConnectionStore(client: DynamoDBDocumentClient, tableName: string): ConnectionStore {
  return {
    async save(record) {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...record } }));
    },

    async remove(connectionId) {
      const { Attributes } = await client.send(
        new DeleteCommand({ TableName: tableName, Key: { connectionId }, ReturnValues: 'ALL_OLD' }),
      );
      return typeof Attributes?.userId === 'string' ? { userId: Attributes.userId } : undefined;
    },

    async removeGone(connectionId, openedBefore) {
      const removed = await conditionalWrite(
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { connectionId },
            ConditionExpression: 'attribute_not_exists(connectionId) OR connectedAt < :openedBefore',
            ExpressionAttributeValues: { ':openedBefore': openedBefore },
          }),
        ),
      );
      return removed ? 'removed' : 'kept';
    },

    async ownerOf(connectionId) {
      const item = await getItem(
        client,
        tableName,
        { connectionId },
        { projection: 'userId, username', consistentRead: true },
      );
      if (typeof item?.userId !== 'string' || item.userId === '') return undefined;
      return { userId: item.userId, username: typeof item.username === 'string' ? item.username : '' };
    },

    refresh(connectionId, expiresAt, lastActiveAt) {
      return conditionalWrite(
        setAttributes(
          client,
          tableName,
          { connectionId },
          { expiresAt, lastActiveAt },
          { ConditionExpression: 'attribute_exists(connectionId)' },
        ),
      );
    },

    async liveAmong(connectionIds, nowSeconds) {
      if (connectionIds.length === 0) return new Set();
      const items = await batchGetAll(
        client,
        tableName,
        connectionIds.map((connectionId) => ({ connectionId })),
        { consistentRead: true, projection: 'connectionId, expiresAt' },
      );
      return new Set(
        items
          .filter((item) => typeof item.expiresAt === 'number' && item.expiresAt > nowSeconds)
          .map((item) => String(item.connectionId)),
      );
    },

    async connectionsOf(userId) {
      const connections: UserConnection[] = [];
      let exclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: INDEXES.connectionsByUser,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ProjectionExpression: 'connectionId, connectedAt',
            ExclusiveStartKey: exclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) {
          if (typeof item.connectionId !== 'string') continue;
          connections.push({
            connectionId: item.connectionId,
            connectedAt: typeof item.connectedAt === 'string' ? item.connectedAt : '',
          });
        }
        exclusiveStartKey = page.LastEvaluatedKey;
      } while (exclusiveStartKey);
      return connections;
    },
  };
}
