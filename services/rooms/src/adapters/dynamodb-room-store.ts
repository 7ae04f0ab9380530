import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll, isConditionalCheckFailed } from '@chat/aws';
import { MEMBERSHIP_ATTRIBUTES } from '@chat/memberships';
import { seniorityKey, SUCCESSOR_SENIORITY_FROM, type MemberRecord } from '../domain/membership';
import type { RoomRecord } from '../domain/room';
import type {
  AddMemberOutcome,
  DirectoryPosition,
  Page,
  Removal,
  RemovalOutcome,
  RoomChanges,
  RoomStore,
  WriteContext,
} from '../use-cases/ports';
import { banItem, banOf, memberItem, memberOf, PUBLIC_DIRECTORY, roomItem, roomOf } from './items';
import { INDEXES } from './names';
import { ROOM_CHANGE_ATTRIBUTE, ROOM_DETAILS_CHANGED } from './room-outbox-filters';
import { failedCondition, transactWrite, withConflictRetry } from './transactions';

export interface RoomTables {
  rooms: string;
  memberships: string;
  /** The bans table: given, joins and invitations check it in their transaction (and bans can be written). */
  bans?: string;
}

const MAX_ADD_ATTEMPTS = 3;

type Item = Record<string, unknown>;

/**
 * The RoomStore on two DynamoDB tables. rooms: `roomId`; sparse GSI `publicByRecency` (`directory`,
 * `createdAt`) holding active public rooms only. memberships: `roomId` + `userId`; GSI `byUser` (`userId`,
 * `roomId`); LSI `byUsername` (`roomId`, `username`, for mentions); LSI `bySeniority` (`roomId`, `seniority`,
 * for an owner's successor). Every change of who is in a room is one transaction with the member count.
 */
export function dynamoRoomStore(client: DynamoDBDocumentClient, tables: RoomTables): RoomStore {
  const send = client.send.bind(client);

  const getMember = async (roomId: string, userId: string): Promise<MemberRecord | undefined> => {
    const { Item } = await send(
      new GetCommand({ TableName: tables.memberships, Key: { roomId, userId }, ConsistentRead: true }),
    );
    return Item ? memberOf(Item) : undefined;
  };

  const bansTable = (): string => {
    if (tables.bans === undefined) throw new Error('this room store was built without the bans table');
    return tables.bans;
  };

  const putNew = (table: string, item: Item, key: string) => ({
    Put: { TableName: table, Item: item, ConditionExpression: `attribute_not_exists(${key})` },
  });

  async function batchGetRooms(roomIds: string[]): Promise<RoomRecord[]> {
    const items = await batchGetAll(
      client,
      tables.rooms,
      roomIds.map((roomId) => ({ roomId })),
    );
    return items.map(roomOf);
  }

  async function markRemoval(removal: Removal, removalId: string, context: WriteContext): Promise<boolean> {
    try {
      await withConflictRetry(() =>
        send(
          new UpdateCommand({
            TableName: tables.memberships,
            Key: { roomId: removal.roomId, userId: removal.userId },
            UpdateExpression:
              'SET removalId = :removalId, removedBy = :removedBy, #removalReason = :reason, correlationId = :correlationId',
            ConditionExpression: 'attribute_exists(userId) AND #role = :role',
            // The removal marker: from here on the reader of @chat/memberships no longer counts this member.
            ExpressionAttributeNames: {
              '#role': MEMBERSHIP_ATTRIBUTES.role,
              '#removalReason': MEMBERSHIP_ATTRIBUTES.removalReason,
            },
            ExpressionAttributeValues: {
              ':removalId': removalId,
              ':removedBy': removal.removedBy,
              ':reason': removal.reason,
              ':correlationId': context.correlationId,
              ':role': removal.expectedRole,
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  function roomUpdateOf(removal: Removal, context: WriteContext) {
    const departure = removal.ownerDeparture;
    // The change flag: only a hand-over (a new owner) is for the outbox (room-outbox-filters.ts).
    const names: Record<string, string> = { '#change': ROOM_CHANGE_ATTRIBUTE };
    const values: Record<string, unknown> = { ':minusOne': -1 };
    let update = 'ADD memberCount :minusOne';
    let condition = 'attribute_exists(roomId)';
    if (departure?.kind === 'hand-over') {
      update +=
        ' SET ownerId = :successor, updatedAt = :now, correlationId = :correlationId, #change = :details';
      Object.assign(values, {
        ':successor': departure.successor.userId,
        ':now': removal.at.toISOString(),
        ':correlationId': context.correlationId,
        ':details': ROOM_DETAILS_CHANGED,
      });
    } else if (departure?.kind === 'archive') {
      update += ' SET #status = :archived, updatedAt = :now REMOVE directory, #change';
      condition += ' AND memberCount = :one';
      names['#status'] = 'status';
      Object.assign(values, { ':archived': 'archived', ':now': removal.at.toISOString(), ':one': 1 });
    } else {
      update += ' REMOVE #change';
    }
    return {
      Update: {
        TableName: tables.rooms,
        Key: { roomId: removal.roomId },
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  return {
    async getRoom(roomId) {
      const { Item } = await send(
        new GetCommand({ TableName: tables.rooms, Key: { roomId }, ConsistentRead: true }),
      );
      return Item ? roomOf(Item) : undefined;
    },

    getMember,

    async createRoom(room, owner, context) {
      const result = await transactWrite(client, {
        TransactItems: [
          putNew(tables.rooms, roomItem(room, context.correlationId), 'roomId'),
          putNew(tables.memberships, memberItem(owner, context.correlationId), 'userId'),
        ],
      });
      if (!result.ok) throw new Error(`room ${room.roomId} already exists`);
    },

    async createDirectMessage(room, members, context) {
      const result = await transactWrite(client, {
        TransactItems: [
          putNew(tables.rooms, roomItem(room, context.correlationId), 'roomId'),
          ...members.map((member) =>
            putNew(tables.memberships, memberItem(member, context.correlationId), 'userId'),
          ),
        ],
      });
      return result.ok ? 'created' : 'exists';
    },

    async addMember(member, context): Promise<AddMemberOutcome> {
      for (let attempt = 1; attempt <= MAX_ADD_ATTEMPTS; attempt += 1) {
        const result = await transactWrite(client, {
          TransactItems: [
            putNew(tables.memberships, memberItem(member, context.correlationId), 'userId'),
            {
              Update: {
                TableName: tables.rooms,
                Key: { roomId: member.roomId },
                // A member-count change publishes nothing: no outbox invocation for it (room-outbox-filters.ts).
                UpdateExpression: 'ADD memberCount :one REMOVE #change',
                ConditionExpression: 'attribute_exists(roomId) AND #status = :active',
                ExpressionAttributeNames: { '#status': 'status', '#change': ROOM_CHANGE_ATTRIBUTE },
                ExpressionAttributeValues: { ':one': 1, ':active': 'active' },
              },
            },
            // A ban and this insert are serialized: a concurrent ban either sees the membership or refuses it.
            ...(tables.bans === undefined
              ? []
              : [
                  {
                    ConditionCheck: {
                      TableName: tables.bans,
                      Key: { roomId: member.roomId, userId: member.userId },
                      ConditionExpression: 'attribute_not_exists(userId)',
                    },
                  },
                ]),
          ],
        });
        if (result.ok) return { kind: 'added' };
        if (failedCondition(result, 2)) return { kind: 'banned' };
        if (failedCondition(result, 0)) {
          const existing = await getMember(member.roomId, member.userId);
          if (existing) return { kind: 'already-member', member: existing };
          continue; // removed in between: try again
        }
        return { kind: 'room-gone' };
      }
      throw new Error(`membership ${member.roomId}/${member.userId} kept changing while being added`);
    },

    async removeMember(removal, context): Promise<RemovalOutcome> {
      const removalId = randomUUID();
      if (!(await markRemoval(removal, removalId, context))) {
        return (await getMember(removal.roomId, removal.userId)) ? 'changed' : 'not-member';
      }
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Delete: {
            TableName: tables.memberships,
            Key: { roomId: removal.roomId, userId: removal.userId },
            ConditionExpression: 'removalId = :removalId',
            ExpressionAttributeValues: { ':removalId': removalId },
          },
        },
        roomUpdateOf(removal, context),
      ];
      if (removal.ban) {
        // Replaces an earlier ban of the same user, if any (none can exist while they were a member).
        items.push({ Put: { TableName: bansTable(), Item: banItem(removal.ban, context.correlationId) } });
      }
      const departure = removal.ownerDeparture;
      if (departure?.kind === 'hand-over') {
        const promoted: MemberRecord = { ...departure.successor, role: 'owner' };
        items.push({
          Update: {
            TableName: tables.memberships,
            Key: { roomId: removal.roomId, userId: promoted.userId },
            UpdateExpression: 'SET #role = :owner, seniority = :seniority, correlationId = :correlationId',
            ConditionExpression: 'attribute_exists(userId) AND #role = :previous',
            ExpressionAttributeNames: { '#role': 'role' },
            ExpressionAttributeValues: {
              ':owner': 'owner',
              ':seniority': seniorityKey(promoted),
              ':correlationId': context.correlationId,
              ':previous': departure.successor.role,
            },
          },
        });
      }
      const result = await transactWrite(client, { TransactItems: items });
      return result.ok ? 'removed' : 'changed';
    },

    async successorOf(roomId) {
      const { Items } = await send(
        new QueryCommand({
          TableName: tables.memberships,
          IndexName: INDEXES.memberships.bySeniority,
          KeyConditionExpression: 'roomId = :roomId AND seniority >= :from',
          ExpressionAttributeValues: { ':roomId': roomId, ':from': SUCCESSOR_SENIORITY_FROM },
          ConsistentRead: true,
          Limit: 1,
        }),
      );
      const first = Items?.[0];
      return first ? memberOf(first) : undefined;
    },

    async updateRoom(roomId, changes: RoomChanges, at, context) {
      // The change flag lets the outbox be invoked for this record (room-outbox-filters.ts).
      const sets = ['updatedAt = :now', 'correlationId = :correlationId', '#change = :details'];
      const names: Record<string, string> = { '#status': 'status', '#change': ROOM_CHANGE_ATTRIBUTE };
      const values: Record<string, unknown> = {
        ':now': at.toISOString(),
        ':correlationId': context.correlationId,
        ':active': 'active',
        ':details': ROOM_DETAILS_CHANGED,
      };
      if (changes.name !== undefined) {
        sets.push('#name = :name');
        names['#name'] = 'name';
        values[':name'] = changes.name;
      }
      if (changes.topic !== undefined) {
        sets.push('topic = :topic');
        values[':topic'] = changes.topic;
      }
      try {
        const { Attributes } = await withConflictRetry(() =>
          send(
            new UpdateCommand({
              TableName: tables.rooms,
              Key: { roomId },
              UpdateExpression: `SET ${sets.join(', ')}`,
              ConditionExpression: 'attribute_exists(roomId) AND #status = :active',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        return Attributes ? roomOf(Attributes) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async changeRole(member, to, context) {
      const updated: MemberRecord = { ...member, role: to };
      try {
        const { Attributes } = await withConflictRetry(() =>
          send(
            new UpdateCommand({
              TableName: tables.memberships,
              Key: { roomId: member.roomId, userId: member.userId },
              UpdateExpression: 'SET #role = :to, seniority = :seniority, correlationId = :correlationId',
              ConditionExpression: 'attribute_exists(userId) AND #role = :from',
              ExpressionAttributeNames: { '#role': 'role' },
              ExpressionAttributeValues: {
                ':to': to,
                ':from': member.role,
                ':seniority': seniorityKey(updated),
                ':correlationId': context.correlationId,
              },
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        return Attributes ? memberOf(Attributes) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async publicRooms(limit, after?: DirectoryPosition): Promise<Page<RoomRecord, DirectoryPosition>> {
      const { Items = [] } = await send(
        new QueryCommand({
          TableName: tables.rooms,
          IndexName: INDEXES.roomsDirectory,
          KeyConditionExpression: 'directory = :public',
          ExpressionAttributeValues: { ':public': PUBLIC_DIRECTORY },
          ScanIndexForward: false,
          Limit: limit + 1,
          ...(after
            ? {
                ExclusiveStartKey: {
                  directory: PUBLIC_DIRECTORY,
                  createdAt: after.createdAt,
                  roomId: after.roomId,
                },
              }
            : {}),
        }),
      );
      const items = Items.slice(0, limit).map(roomOf);
      const last = items[items.length - 1];
      return Items.length > limit && last
        ? { items, next: { createdAt: last.createdAt, roomId: last.roomId } }
        : { items };
    },

    async members(roomId, limit, afterUserId) {
      const { Items = [] } = await send(
        new QueryCommand({
          TableName: tables.memberships,
          KeyConditionExpression: 'roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          ConsistentRead: true,
          Limit: limit + 1,
          ...(afterUserId ? { ExclusiveStartKey: { roomId, userId: afterUserId } } : {}),
        }),
      );
      const items = Items.slice(0, limit).map(memberOf);
      const last = items[items.length - 1];
      return Items.length > limit && last ? { items, next: last.userId } : { items };
    },

    async roomsOf(userId) {
      const roomIds: string[] = [];
      let start: Item | undefined;
      do {
        const output = await send(
          new QueryCommand({
            TableName: tables.memberships,
            IndexName: INDEXES.memberships.byUser,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ProjectionExpression: 'roomId',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of output.Items ?? []) roomIds.push(String(item.roomId));
        start = output.LastEvaluatedKey;
      } while (start);
      return batchGetRooms(roomIds);
    },

    async banNonMember(ban, context) {
      const result = await transactWrite(client, {
        TransactItems: [
          putNew(bansTable(), banItem(ban, context.correlationId), 'userId'),
          {
            ConditionCheck: {
              TableName: tables.memberships,
              Key: { roomId: ban.roomId, userId: ban.userId },
              ConditionExpression: 'attribute_not_exists(userId)',
            },
          },
        ],
      });
      if (result.ok) return 'banned';
      return failedCondition(result, 1) ? 'member' : 'already-banned';
    },

    async unban(roomId, userId) {
      await send(new DeleteCommand({ TableName: bansTable(), Key: { roomId, userId } }));
    },

    async bans(roomId, limit, afterUserId) {
      const { Items = [] } = await send(
        new QueryCommand({
          TableName: bansTable(),
          KeyConditionExpression: 'roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          ConsistentRead: true,
          Limit: limit + 1,
          ...(afterUserId ? { ExclusiveStartKey: { roomId, userId: afterUserId } } : {}),
        }),
      );
      const items = Items.slice(0, limit).map(banOf);
      const last = items[items.length - 1];
      return Items.length > limit && last ? { items, next: last.userId } : { items };
    },

    async membershipsOf(userId, limit, after) {
      const output = await send(
        new QueryCommand({
          TableName: tables.memberships,
          IndexName: INDEXES.memberships.byUser,
          KeyConditionExpression: 'userId = :userId',
          ExpressionAttributeValues: { ':userId': userId },
          Limit: limit,
          ...(after ? { ExclusiveStartKey: { userId, roomId: after } } : {}),
        }),
      );
      const items = (output.Items ?? []).map(memberOf);
      const last = items[items.length - 1];
      return output.LastEvaluatedKey && last ? { items, next: last.roomId } : { items };
    },
  };
}
