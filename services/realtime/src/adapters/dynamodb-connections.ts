import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@chat/aws';
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
      try {
        await client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { connectionId },
            ConditionExpression: 'attribute_not_exists(connectionId) OR connectedAt < :openedBefore',
            ExpressionAttributeValues: { ':openedBefore': openedBefore },
          }),
        );
        return 'removed';
      } catch (error) {
        if (isConditionalCheckFailed(error)) return 'kept';
        throw error;
      }
    },

    async ownerOf(connectionId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { connectionId },
          ProjectionExpression: 'userId, username',
          ConsistentRead: true,
        }),
      );
      if (typeof Item?.userId !== 'string' || Item.userId === '') return undefined;
      return { userId: Item.userId, username: typeof Item.username === 'string' ? Item.username : '' };
    },

    async refresh(connectionId, expiresAt, lastActiveAt) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { connectionId },
            UpdateExpression: 'SET expiresAt = :expiresAt, lastActiveAt = :lastActiveAt',
            ConditionExpression: 'attribute_exists(connectionId)',
            ExpressionAttributeValues: { ':expiresAt': expiresAt, ':lastActiveAt': lastActiveAt },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
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
