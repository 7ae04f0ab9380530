import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@chat/aws';
import type { RoomDirectory } from '../use-cases/ports';

/** The rooms projection (roomId): `name`, `kind` and `version` (epoch ms of the event that wrote them). */
export function dynamoRooms(client: DynamoDBDocumentClient, tableName: string): RoomDirectory {
  return {
    async get(roomId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { roomId } }));
      if (!Item || typeof Item.name !== 'string') return undefined;
      return { roomId, name: Item.name, kind: Item.kind === 'dm' ? 'dm' : 'room' };
    },

    async remember({ roomId, name, kind }, version) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { roomId },
            UpdateExpression: 'SET #name = :name, #kind = :kind, #version = :version',
            ConditionExpression: 'attribute_not_exists(roomId) OR #version <= :version',
            ExpressionAttributeNames: { '#name': 'name', '#kind': 'kind', '#version': 'version' },
            ExpressionAttributeValues: { ':name': name, ':kind': kind, ':version': version },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error; // a later version is stored: keep it
      }
    },
  };
}
