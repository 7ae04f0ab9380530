import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { backoffDelay, batchGetAll, cancellationReasons, CONDITION_FAILED, sleep } from '@chat/aws';
import type { HistoryWindow } from '../domain/cursor';
import { canonicalMessage, withCreationVersion, type Message, type NewMessage } from '../domain/message';
import { INITIAL_ROOM_VERSION, nextRoomVersion, type ChangesPage } from '../domain/room-versions';
import type {
  CreateMessageOutcome,
  CreateOptions,
  MessageKey,
  MessagePage,
  MessageStore,
  ReactionWrite,
  UnreadCount,
} from '../use-cases/ports';
import { itemOfMessage, messageOfItem, threadPositionOf } from './message-item';
import { INDEXES } from './names';

export interface MessageTables {
  /** pk roomId, sk messageId; LSIs bySeq (roomId, seq) and byVersion (roomId, version); its stream is the outbox. */
  messages: string;
  /** pk roomId, sk clientKey (`<senderId>#<clientMessageId>`) → messageId: one send per key. */
  clientMessageIds: string;
  /** pk attachmentId: claimed by the message that references it. */
  attachments: string;
  /** pk roomId → `version`: the room's change counter (docs/decisions/004-room-versions.md). */
  roomVersions: string;
  /** pk messageKey (`<roomId>#<messageId>`), sk reactionKey (`<reaction>#<userId>`): who reacted with what. */
  reactions: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A change whose transaction was cancelled is tried again this often: a lost race for the room's counter (another
 * change took the version) or a transaction conflict, after a growing wait with jitter. Every round has a winner;
 * the growing, jittered waits spread a burst of writers of one room out so that fewer of them collide each round.
 */
const MAX_TRANSACTION_ATTEMPTS = 30;
const TRANSACTION_BACKOFF = { baseDelayMs: 10, maxDelayMs: 400, random: Math.random };
const TRANSACTION_CONFLICT = 'TransactionConflict';
/** Items evaluated per page when counting unread messages, and the most pages one count reads. */
const COUNT_PAGE_SIZE = 100;
const MAX_COUNT_PAGES = 10;

function clientKeyOf(senderId: string, clientMessageId: string): string {
  return `${senderId}#${clientMessageId}`;
}

/** The reactions table's keys: ids never hold `#`, so both keys split unambiguously. */
function reactionKeysOf(key: MessageKey, reaction: string, userId: string) {
  return { messageKey: `${key.roomId}#${key.messageId}`, reactionKey: `${reaction}#${userId}` };
}

function keyCondition(
  window: HistoryWindow,
): Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeValues' | 'ScanIndexForward'> {
  switch (window.kind) {
    case 'latest':
      return { KeyConditionExpression: 'roomId = :roomId', ScanIndexForward: false };
    case 'before':
      return {
        KeyConditionExpression: 'roomId = :roomId AND seq < :cursor',
        ExpressionAttributeValues: { ':cursor': window.seq },
        ScanIndexForward: false,
      };
    case 'after':
      return {
        KeyConditionExpression: 'roomId = :roomId AND seq > :cursor',
        ExpressionAttributeValues: { ':cursor': window.seq },
        ScanIndexForward: true,
      };
  }
}

/** Most seq a room reaches (far beyond what a room's 10 GB item collection holds). */
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** A thread page's seq bounds (inclusive) and direction, from the history window. */
function threadRange(window: HistoryWindow): { from: number; to: number; ascending: boolean } {
  switch (window.kind) {
    case 'latest':
      return { from: 1, to: MAX_SEQ, ascending: false };
    case 'before':
      return { from: 1, to: window.seq - 1, ascending: false };
    case 'after':
      return { from: window.seq + 1, to: MAX_SEQ, ascending: true };
  }
}

/**
 * The counter's value in a cancelled transaction whose counter condition failed (the update asks for the item
 * with ReturnValuesOnConditionCheckFailure), so the next attempt needs no read; undefined when not reported.
 */
function counterValueOf(error: unknown): number | undefined {
  const reasons = (error as { CancellationReasons?: { Item?: Record<string, unknown> }[] })
    .CancellationReasons;
  const value = reasons?.[0]?.Item?.version;
  const raw = typeof value === 'object' && value !== null ? (value as { N?: unknown }).N : value;
  const version = typeof raw === 'string' ? Number(raw) : raw;
  return typeof version === 'number' && Number.isSafeInteger(version) ? version : undefined;
}

/**
 * What a cancelled change means, from the cancellation reasons of its own items (the counter's left out): an
 * outcome to return, or undefined to try again with the room's new version.
 */
type Classify<T> = (reasons: (string | undefined)[]) => Promise<T | undefined> | T | undefined;

/** The messages table, the rooms' change counters and the send idempotency keys, on DynamoDB. */
export function dynamoMessageStore(client: DynamoDBDocumentClient, tables: MessageTables): MessageStore {
  async function findByClientMessageId(
    roomId: string,
    senderId: string,
    clientMessageId: string,
  ): Promise<Message | undefined> {
    const key = await client.send(
      new GetCommand({
        TableName: tables.clientMessageIds,
        Key: { roomId, clientKey: clientKeyOf(senderId, clientMessageId) },
        ConsistentRead: true,
      }),
    );
    const messageId = key.Item?.messageId;
    return typeof messageId === 'string' ? get(roomId, messageId) : undefined;
  }

  async function get(roomId: string, messageId: string): Promise<Message | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tables.messages, Key: { roomId, messageId }, ConsistentRead: true }),
    );
    return Item ? messageOfItem(Item) : undefined;
  }

  async function roomVersion(roomId: string): Promise<number> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tables.roomVersions, Key: { roomId }, ConsistentRead: true }),
    );
    return typeof Item?.version === 'number' ? Item.version : INITIAL_ROOM_VERSION;
  }

  /** The counter's move from `current` to `next`, conditioned on the value read: a second writer of `next` fails. */
  function counterUpdate(roomId: string, current: number, next: number): TransactItem {
    return {
      Update: {
        TableName: tables.roomVersions,
        Key: { roomId },
        UpdateExpression: 'SET version = :next',
        ConditionExpression:
          current === INITIAL_ROOM_VERSION ? 'attribute_not_exists(roomId)' : 'version = :current',
        ExpressionAttributeValues:
          current === INITIAL_ROOM_VERSION ? { ':next': next } : { ':next': next, ':current': current },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  /**
   * One change of a room's messages: the counter's move to the next version and the change's own writes (made
   * with that version) in one transaction, so both are stored or neither is. A lost race for the counter is tried
   * again with the version that won (jittered backoff); `classify` turns the other cancellations into outcomes.
   */
  async function versionedChange<T>(
    roomId: string,
    writes: (version: number) => TransactItem[],
    classify: Classify<T>,
  ): Promise<{ version: number } | { outcome: T }> {
    let current = await roomVersion(roomId);
    for (let attempt = 1; ; attempt++) {
      const version = nextRoomVersion(current);
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [counterUpdate(roomId, current, version), ...writes(version)],
          }),
        );
        return { version };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const [counter, ...own] = reasons;
        const outcome = await classify(own);
        if (outcome !== undefined) return { outcome };
        const lostTheRace = counter === CONDITION_FAILED;
        const conflicted = reasons.length === 0 || reasons.includes(TRANSACTION_CONFLICT);
        if ((!lostTheRace && !conflicted) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        await sleep(backoffDelay(attempt, TRANSACTION_BACKOFF));
        if (lostTheRace) current = counterValueOf(error) ?? (await roomVersion(roomId));
      }
    }
  }

  function creationWrites(message: Message, options: CreateOptions): TransactItem[] {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tables.messages,
          Item: itemOfMessage(message, options.correlationId, options.threadAuthorId),
          ConditionExpression: 'attribute_not_exists(messageId)',
        },
      },
    ];
    if (message.clientMessageId !== undefined) {
      items.push({
        Put: {
          TableName: tables.clientMessageIds,
          Item: {
            roomId: message.roomId,
            clientKey: clientKeyOf(message.senderId, message.clientMessageId),
            messageId: message.messageId,
            createdAt: message.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(clientKey)',
        },
      });
    }
    for (const attachment of message.attachments) {
      items.push({
        Update: {
          TableName: tables.attachments,
          Key: { attachmentId: attachment.attachmentId },
          UpdateExpression: 'SET messageId = :messageId',
          ConditionExpression:
            'attribute_exists(attachmentId) AND attribute_not_exists(messageId) AND roomId = :roomId AND uploaderId = :senderId',
          ExpressionAttributeValues: {
            ':messageId': message.messageId,
            ':roomId': message.roomId,
            ':senderId': message.senderId,
          },
        },
      });
    }
    return items;
  }

  async function create(message: NewMessage, options: CreateOptions): Promise<CreateMessageOutcome> {
    const hasKey = message.clientMessageId !== undefined;
    const result = await versionedChange<Exclude<CreateMessageOutcome, { outcome: 'created' }>>(
      message.roomId,
      (version) => creationWrites(withCreationVersion(message, version), options),
      async ([, clientKey, ...claims]) => {
        // [message, clientKey?, ...attachments]: without a key the claims start right after the message.
        const attachmentReasons = hasKey ? claims : [clientKey, ...claims];
        if (hasKey && (clientKey === CONDITION_FAILED || clientKey === TRANSACTION_CONFLICT)) {
          const existing = await findByClientMessageId(
            message.roomId,
            message.senderId,
            message.clientMessageId as string,
          );
          if (existing) return { outcome: 'duplicate', existing };
        }
        const taken = message.attachments.find((_, index) => attachmentReasons[index] === CONDITION_FAILED);
        return taken ? { outcome: 'attachment-unavailable', attachmentId: taken.attachmentId } : undefined;
      },
    );
    return 'version' in result
      ? { outcome: 'created', message: canonicalMessage(withCreationVersion(message, result.version)) }
      : result.outcome;
  }

  return {
    create,
    findByClientMessageId,
    get,
    roomVersion,

    async getMany(keys) {
      const items = await batchGetAll(
        client,
        tables.messages,
        keys.map(({ roomId, messageId }) => ({ roomId, messageId })),
        { consistentRead: true },
      );
      return items.map(messageOfItem);
    },

    async page(roomId: string, window: HistoryWindow, limit: number): Promise<MessagePage> {
      const condition = keyCondition(window);
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.messages,
          IndexName: INDEXES.messagesBySeq,
          ...condition,
          ExpressionAttributeValues: { ':roomId': roomId, ...condition.ExpressionAttributeValues },
          Limit: limit + 1,
          ConsistentRead: true,
        }),
      );
      return { items: Items.slice(0, limit).map(messageOfItem), hasMore: Items.length > limit };
    },

    async threadPage(roomId, threadId, window, limit): Promise<MessagePage> {
      const { from, to, ascending } = threadRange(window);
      if (from > to) return { items: [], hasMore: false };
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.messages,
          IndexName: INDEXES.messagesByThread,
          KeyConditionExpression: 'roomId = :roomId AND threadPosition BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':roomId': roomId,
            ':from': threadPositionOf(threadId, from),
            ':to': threadPositionOf(threadId, to),
          },
          ScanIndexForward: ascending,
          Limit: limit + 1,
          ConsistentRead: true,
        }),
      );
      return { items: Items.slice(0, limit).map(messageOfItem), hasMore: Items.length > limit };
    },

    async countReply(parent, reply, summary) {
      const previous = parent.thread?.replyCount;
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tables.messages,
                  Key: { roomId: parent.roomId, messageId: parent.messageId },
                  UpdateExpression: 'SET thread = :summary',
                  // As read: the summary is replaced only by one computed from the one it replaces.
                  ConditionExpression:
                    previous === undefined
                      ? 'attribute_exists(messageId) AND attribute_not_exists(thread)'
                      : 'attribute_exists(messageId) AND thread.replyCount = :previous',
                  ExpressionAttributeValues: {
                    ':summary': summary,
                    ...(previous === undefined ? {} : { ':previous': previous }),
                  },
                },
              },
              {
                Update: {
                  TableName: tables.messages,
                  Key: { roomId: reply.roomId, messageId: reply.messageId },
                  UpdateExpression: 'SET threadCounted = :yes',
                  ConditionExpression: 'attribute_exists(messageId) AND attribute_not_exists(threadCounted)',
                  ExpressionAttributeValues: { ':yes': true },
                },
              },
            ],
          }),
        );
        return 'counted';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const [parentReason, replyReason] = reasons;
        if (replyReason === CONDITION_FAILED) return 'already-counted';
        if (parentReason === CONDITION_FAILED || reasons.includes(TRANSACTION_CONFLICT)) return 'stale';
        throw error;
      }
    },

    async changes(roomId, range, limit): Promise<ChangesPage> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.messages,
          IndexName: INDEXES.messagesByVersion,
          KeyConditionExpression: 'roomId = :roomId AND version BETWEEN :from AND :upTo',
          ExpressionAttributeValues: { ':roomId': roomId, ':from': range.since + 1, ':upTo': range.upTo },
          ScanIndexForward: true,
          Limit: limit + 1,
          ConsistentRead: true,
        }),
      );
      return { items: Items.slice(0, limit).map(messageOfItem), hasMore: Items.length > limit };
    },

    async edit(current, changes, options) {
      const result = await versionedChange(
        current.roomId,
        (version) => [
          {
            Update: {
              TableName: tables.messages,
              Key: { roomId: current.roomId, messageId: current.messageId },
              UpdateExpression:
                'SET #text = :text, mentions = :mentions, editedAt = :editedAt, version = :version, correlationId = :correlationId',
              ConditionExpression:
                'attribute_exists(messageId) AND senderId = :senderId AND attribute_not_exists(deletedAt)',
              ExpressionAttributeNames: { '#text': 'text' },
              ExpressionAttributeValues: {
                ':text': changes.text,
                ':mentions': changes.mentions,
                ':editedAt': changes.editedAt,
                ':version': version,
                ':correlationId': options.correlationId,
                ':senderId': options.senderId,
              },
            },
          },
        ],
        ([message]) => (message === CONDITION_FAILED ? ('refused' as const) : undefined),
      );
      if (!('version' in result)) return undefined;
      // Only the sender edits and a delete is excluded by the condition: the other fields are the ones read.
      return canonicalMessage({ ...current, ...changes, version: result.version });
    },

    async hasReaction(key, reaction, userId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tables.reactions,
          Key: reactionKeysOf(key, reaction, userId),
          ConsistentRead: true,
        }),
      );
      return Item !== undefined;
    },

    async reactors(key, reaction, limit) {
      const { messageKey, reactionKey: prefix } = reactionKeysOf(key, reaction, '');
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.reactions,
          KeyConditionExpression: 'messageKey = :messageKey AND begins_with(reactionKey, :prefix)',
          ExpressionAttributeValues: { ':messageKey': messageKey, ':prefix': prefix },
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => String(item.userId));
    },

    async react(current, write: ReactionWrite, options) {
      const key = { roomId: current.roomId, messageId: current.messageId };
      const record = reactionKeysOf(key, write.reaction, write.userId);
      const result = await versionedChange(
        current.roomId,
        (version): TransactItem[] => [
          {
            Update: {
              TableName: tables.messages,
              Key: key,
              UpdateExpression:
                'SET reactions = :reactions, version = :version, lastReaction = :last, correlationId = :correlationId',
              // As read: the same version (no change of the message since) and still not deleted.
              ConditionExpression:
                current.version === undefined
                  ? 'attribute_exists(messageId) AND attribute_not_exists(deletedAt) AND attribute_not_exists(version)'
                  : 'attribute_exists(messageId) AND attribute_not_exists(deletedAt) AND version = :read',
              ExpressionAttributeValues: {
                ':reactions': write.reactions,
                ':version': version,
                ':last': {
                  userId: write.userId,
                  reaction: write.reaction,
                  change: write.change,
                  version,
                  at: write.at,
                },
                ':correlationId': options.correlationId,
                ...(current.version === undefined ? {} : { ':read': current.version }),
              },
            },
          },
          write.change === 'added'
            ? {
                Put: {
                  TableName: tables.reactions,
                  Item: { ...record, userId: write.userId, reaction: write.reaction, createdAt: write.at },
                  ConditionExpression: 'attribute_not_exists(reactionKey)',
                },
              }
            : {
                Delete: {
                  TableName: tables.reactions,
                  Key: record,
                  ConditionExpression: 'attribute_exists(reactionKey)',
                },
              },
        ],
        (own) => (own.includes(CONDITION_FAILED) ? ('stale' as const) : undefined),
      );
      if (!('version' in result)) return result.outcome;
      return { ...current, reactions: write.reactions, version: result.version };
    },

    async tombstone(key, options) {
      const result = await versionedChange(
        key.roomId,
        (version) => [
          {
            Update: {
              TableName: tables.messages,
              Key: { roomId: key.roomId, messageId: key.messageId },
              UpdateExpression:
                'SET deletedAt = :deletedAt, #text = :empty, mentions = :none, attachments = :none, reactions = :none, version = :version, correlationId = :correlationId REMOVE liveSender',
              ConditionExpression: 'attribute_exists(messageId) AND attribute_not_exists(deletedAt)',
              ExpressionAttributeNames: { '#text': 'text' },
              ExpressionAttributeValues: {
                ':deletedAt': options.deletedAt,
                ':empty': '',
                ':none': [],
                ':version': version,
                ':correlationId': options.correlationId,
              },
            },
          },
        ],
        ([message]) => (message === CONDITION_FAILED ? ('already-deleted' as const) : undefined),
      );
      return 'version' in result;
    },

    async countAfter(roomId, afterMessageId, excludeSenderId, cap): Promise<UnreadCount> {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      for (let page = 1; page <= MAX_COUNT_PAGES; page++) {
        const result = await client.send(
          new QueryCommand({
            TableName: tables.messages,
            KeyConditionExpression:
              afterMessageId === undefined ? 'roomId = :roomId' : 'roomId = :roomId AND messageId > :after',
            FilterExpression: 'senderId <> :me AND attribute_not_exists(deletedAt)',
            ExpressionAttributeValues: {
              ':roomId': roomId,
              ':me': excludeSenderId,
              ...(afterMessageId === undefined ? {} : { ':after': afterMessageId }),
            },
            Select: 'COUNT',
            Limit: COUNT_PAGE_SIZE,
            ExclusiveStartKey: startKey,
          }),
        );
        count += result.Count ?? 0;
        if (count >= cap) return { count: cap, capped: true };
        startKey = result.LastEvaluatedKey;
        if (!startKey) return { count, capped: false };
      }
      return { count, capped: true };
    },
  };
}
