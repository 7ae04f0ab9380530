import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, setAttributes } from '@chat/aws';
import * as z from 'zod';
import type { Device } from '../domain/device';
import type { DeviceRegistry } from '../use-cases/ports';
import { INDEXES } from './names';

const deviceItemSchema = z.object({
  deviceId: z.string().min(1),
  userId: z.string().min(1),
  platform: z.enum(['apns', 'fcm']),
  endpointArn: z.string().min(1),
  subscriptionArn: z.string().min(1).optional(),
  registeredAt: z.string().min(1),
});

function deviceOf(item: Record<string, unknown>): Device {
  const { subscriptionArn, ...device } = deviceItemSchema.parse(item);
  return subscriptionArn === undefined ? device : { ...device, subscriptionArn };
}

/**
 * The devices table (deviceId, derived from platform and token; GSI `byUser`: userId, registeredAt). One token
 * is one item, whoever registered it last owns it.
 */
export function dynamoDevices(client: DynamoDBDocumentClient, tableName: string): DeviceRegistry {
  /** The condition of a change to a device: it is still the user's (otherwise the change is dropped). */
  const ownedBy = (userId: string) => ({
    ConditionExpression: 'userId = :userId',
    ExpressionAttributeValues: { ':userId': userId },
  });
  return {
    async put(device) {
      const { Attributes } = await client.send(
        new PutCommand({ TableName: tableName, Item: { ...device }, ReturnValues: 'ALL_OLD' }),
      );
      return Attributes ? deviceOf(Attributes) : undefined;
    },

    async listByUser(userId) {
      const devices: Device[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const { Items = [], LastEvaluatedKey } = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: INDEXES.devicesByUser,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        devices.push(...Items.map(deviceOf));
        startKey = LastEvaluatedKey;
      } while (startKey);
      return devices;
    },

    async delete(deviceId, userId) {
      await conditionalWrite(
        client.send(new DeleteCommand({ TableName: tableName, Key: { deviceId }, ...ownedBy(userId) })),
      );
    },

    async setSubscription(deviceId, userId, subscriptionArn) {
      await conditionalWrite(
        setAttributes(client, tableName, { deviceId }, { subscriptionArn }, ownedBy(userId)),
      );
    },
  };
}
