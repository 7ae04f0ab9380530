import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, getItem, setAttributes } from '@chat/aws';
import type { RoomDirectory } from '../use-cases/ports';

/** The rooms projection (roomId): `name`, `kind` and `version` (epoch ms of the event that wrote them). */
export function dynamoRooms(client: DynamoDBDocumentClient, tableName: string): RoomDirectory {
  return {
    async get(roomId) {
      const item = await getItem(client, tableName, { roomId });
      if (!item || typeof item.name !== 'string') return undefined;
      return { roomId, name: item.name, kind: item.kind === 'dm' ? 'dm' : 'room' };
    },

    async remember({ roomId, name, kind }, version) {
      // Refused when a later version is stored: that one stays.
      await conditionalWrite(
        setAttributes(
          client,
          tableName,
          { roomId },
          { name, kind, version },
          { ConditionExpression: 'attribute_not_exists(roomId) OR #version <= :version' },
        ),
      );
    },
  };
}
