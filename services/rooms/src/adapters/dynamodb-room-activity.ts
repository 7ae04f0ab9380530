import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, isConditionalCheckFailed } from '@chat/aws';
import * as z from 'zod';
import type { RoomActivity } from '../domain/room-activity';
import type { RoomActivityStore } from '../use-cases/ports';

const lastMessageSchema = z.object({
  messageId: z.string().min(1),
  seq: z.number().int().positive().nullable(),
  senderId: z.string().min(1),
  preview: z.string(),
  createdAt: z.string().min(1),
});

const activityItemSchema = z.object({
  roomId: z.string().min(1),
  lastMessage: lastMessageSchema.nullable(),
  lastActivityAt: z.string().nullable(),
  revisedAt: z.string(),
  deleted: z.boolean(),
  pendingDeletes: z.array(z.string()),
  revision: z.number().int().nonnegative(),
});

function activityOf(item: Record<string, unknown>): RoomActivity & { revision: number } {
  const parsed = activityItemSchema.safeParse(item);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
    throw new Error(`malformed room activity item: ${issues}`);
  }
  return parsed.data;
}

/**
 * The room-activity table: pk roomId → the projection's state and a `revision` counter. A save is a conditional
 * Put on the revision read (optimistic concurrency: two events of one room applied at once never lose one).
 */
export function dynamoRoomActivity(client: DynamoDBDocumentClient, tableName: string): RoomActivityStore {
  return {
    async get(roomId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { roomId }, ConsistentRead: true }),
      );
      return Item ? activityOf(Item) : undefined;
    },

    async save(next, expectedRevision) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...next, revision: (expectedRevision ?? 0) + 1 },
            ...(expectedRevision === undefined
              ? { ConditionExpression: 'attribute_not_exists(roomId)' }
              : {
                  ConditionExpression: 'revision = :expected',
                  ExpressionAttributeValues: { ':expected': expectedRevision },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async getMany(roomIds) {
      const items = await batchGetAll(
        client,
        tableName,
        roomIds.map((roomId) => ({ roomId })),
      );
      const states = new Map<string, RoomActivity>();
      for (const item of items) {
        const { revision: _revision, ...state } = activityOf(item);
        states.set(state.roomId, state);
      }
      return states;
    },
  };
}
