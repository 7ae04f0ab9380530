import {
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll, conditionFailureItem, isConditionalCheckFailed } from '@chat/aws';
import * as z from 'zod';
import type { ActivityShortcut, RoomActivity } from '../domain/room-activity';
import type { ActivityWrite, RoomActivityStore, StoredRoomActivity } from '../use-cases/ports';

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

function activityOf(item: Record<string, unknown>): StoredRoomActivity {
  const parsed = activityItemSchema.safeParse(item);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
    throw new Error(`malformed room activity item: ${issues}`);
  }
  return parsed.data;
}

/**
 * `shortcutApplies` as an UpdateItem (its condition, over the stored item's own attributes), written with no read.
 * It adds 1 to `revision` too, so an optimistic save of a state it moved past is refused (and re-applied).
 */
export function shortcutUpdate(shortcut: ActivityShortcut): Omit<UpdateCommandInput, 'TableName'> {
  if (shortcut.kind === 'tombstone') {
    return withNames({
      Key: { roomId: shortcut.roomId },
      UpdateExpression: 'SET #deleted = :true, #lastMessage.#preview = :empty ADD #revision :one',
      ConditionExpression: '#lastMessage.#messageId = :messageId AND #deleted = :false',
      ExpressionAttributeValues: {
        ':messageId': shortcut.messageId,
        ':true': true,
        ':false': false,
        ':empty': '',
        ':one': 1,
      },
    });
  }
  const { message, next } = shortcut;
  // comesAfter: by seq when both have one, else by createdAt then messageId.
  const byTime =
    '#lastMessage.#createdAt < :createdAt OR (#lastMessage.#createdAt = :createdAt AND #lastMessage.#messageId < :messageId)';
  const order =
    message.seq === null
      ? byTime
      : `#lastMessage.#seq < :seq OR (attribute_type(#lastMessage.#seq, :null) AND (${byTime}))`;
  const after = `#lastMessage.#messageId <> :messageId AND (${order})`;
  // A later revision of the last message (or its delete, which wins whatever its time).
  const revision = `#lastMessage.#messageId = :messageId AND #deleted = :false${message.deletedAt === undefined ? ' AND #revisedAt < :revisedAt' : ''}`;
  return withNames({
    Key: { roomId: message.roomId },
    UpdateExpression:
      'SET #lastMessage = :last, #lastActivityAt = :lastActivityAt, #revisedAt = :revisedAt, #deleted = :deleted, ' +
      '#pendingDeletes = :none ADD #revision :one',
    ConditionExpression: `attribute_not_exists(#roomId) OR (size(#pendingDeletes) = :zero AND ((${after}) OR (${revision})))`,
    ExpressionAttributeValues: {
      ':last': next.lastMessage,
      ':lastActivityAt': next.lastActivityAt,
      ':revisedAt': next.revisedAt,
      ':deleted': next.deleted,
      ':none': [],
      ':zero': 0,
      ':one': 1,
      ':false': false,
      ':messageId': message.messageId,
      ':createdAt': message.createdAt,
      ...(message.seq === null ? {} : { ':seq': message.seq, ':null': 'NULL' }),
    },
  });
}

/** A conditional write's outcome: applied, or refused with the item it found (asked for with ALL_OLD). */
async function guardedWrite(write: Promise<unknown>): Promise<ActivityWrite> {
  try {
    await write;
    return { applied: true };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const item = conditionFailureItem(error);
    return { applied: false, stored: item === undefined ? undefined : activityOf(item) };
  }
}

/** The expressions' `#name` placeholders, each the attribute of that name. */
function withNames(input: Omit<UpdateCommandInput, 'TableName'>): Omit<UpdateCommandInput, 'TableName'> {
  const used = `${input.UpdateExpression ?? ''} ${input.ConditionExpression ?? ''}`.match(/#\w+/g) ?? [];
  return {
    ...input,
    ExpressionAttributeNames: Object.fromEntries(used.map((name) => [name, name.slice(1)])),
  };
}

/**
 * The room-activity table: pk roomId → the projection's state and a `revision` counter. An event is first one
 * guarded UpdateItem (`shortcutUpdate`); a save is a conditional Put on the revision found (optimistic
 * concurrency: two events of one room applied at once never lose one). Nothing is read before a write: a refused
 * write returns the item it found (ReturnValuesOnConditionCheckFailure, at no extra capacity).
 */
export function dynamoRoomActivity(client: DynamoDBDocumentClient, tableName: string): RoomActivityStore {
  return {
    async writeShortcut(shortcut) {
      return guardedWrite(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            ...shortcutUpdate(shortcut),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
    },

    async save(next, expectedRevision) {
      return guardedWrite(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...next, revision: (expectedRevision ?? 0) + 1 },
            ...(expectedRevision === undefined
              ? { ConditionExpression: 'attribute_not_exists(roomId)' }
              : {
                  ConditionExpression: 'revision = :expected',
                  ExpressionAttributeValues: { ':expected': expectedRevision },
                }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
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
