import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  backoffDelay,
  cancellationReasons,
  CONDITION_FAILED,
  isConditionalCheckFailed,
  sleep,
} from '@chat/aws';
import type { HistoryWindow } from '../domain/cursor';
import type { Message } from '../domain/message';
import type { CreateMessageOutcome, MessagePage, MessageStore, UnreadCount } from '../use-cases/ports';
import { itemOfMessage, messageOfItem } from './message-item';

export interface MessageTables {
  /** pk roomId, sk messageId; its stream is the event outbox. */
  messages: string;
  /** pk roomId, sk clientKey (`<senderId>#<clientMessageId>`) → messageId: one send per key. */
  clientMessageIds: string;
  /** pk attachmentId: claimed by the message that references it. */
  attachments: string;
}

/** Transactions that collide with a concurrent one are retried this often (with a short growing wait). */
const MAX_TRANSACTION_ATTEMPTS = 6;
const TRANSACTION_BACKOFF = { baseDelayMs: 40, maxDelayMs: 1000, random: Math.random };
/** Items evaluated per page when counting unread messages, and the most pages one count reads. */
const COUNT_PAGE_SIZE = 100;
const MAX_COUNT_PAGES = 10;

function clientKeyOf(senderId: string, clientMessageId: string): string {
  return `${senderId}#${clientMessageId}`;
}

function keyCondition(
  window: HistoryWindow,
): Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeValues' | 'ScanIndexForward'> {
  switch (window.kind) {
    case 'latest':
      return { KeyConditionExpression: 'roomId = :roomId', ScanIndexForward: false };
    case 'before':
      return {
        KeyConditionExpression: 'roomId = :roomId AND messageId < :cursor',
        ExpressionAttributeValues: { ':cursor': window.messageId },
        ScanIndexForward: false,
      };
    case 'after':
      return {
        KeyConditionExpression: 'roomId = :roomId AND messageId > :cursor',
        ExpressionAttributeValues: { ':cursor': window.messageId },
        ScanIndexForward: true,
      };
  }
}

/** The messages table and the send idempotency keys, on DynamoDB. */
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

  function writeItems(message: Message, correlationId: string) {
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Put: {
          TableName: tables.messages,
          Item: itemOfMessage(message, correlationId),
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

  async function create(message: Message, options: { correlationId: string }): Promise<CreateMessageOutcome> {
    const items = writeItems(message, options.correlationId);
    const [only] = items;
    if (items.length === 1 && only?.Put) {
      // Nothing to keep atomic with it: a plain conditional put costs half a transaction.
      await client.send(new PutCommand(only.Put));
      return { outcome: 'created' };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return { outcome: 'created' };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        if (message.clientMessageId !== undefined) {
          const existing = await findByClientMessageId(
            message.roomId,
            message.senderId,
            message.clientMessageId,
          );
          if (existing) return { outcome: 'duplicate', existing };
        }
        const attachmentOffset = message.clientMessageId === undefined ? 1 : 2;
        const taken = message.attachments.find(
          (_, index) => reasons[attachmentOffset + index] === CONDITION_FAILED,
        );
        if (taken) return { outcome: 'attachment-unavailable', attachmentId: taken.attachmentId };
        const conflicted = reasons.length === 0 || reasons.includes('TransactionConflict');
        if (!conflicted || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        await sleep(backoffDelay(attempt, TRANSACTION_BACKOFF));
      }
    }
  }

  return {
    create,
    findByClientMessageId,
    get,

    async page(roomId: string, window: HistoryWindow, limit: number): Promise<MessagePage> {
      const condition = keyCondition(window);
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.messages,
          ...condition,
          ExpressionAttributeValues: { ':roomId': roomId, ...condition.ExpressionAttributeValues },
          Limit: limit + 1,
          ConsistentRead: true,
        }),
      );
      return { items: Items.slice(0, limit).map(messageOfItem), hasMore: Items.length > limit };
    },

    async edit(key, changes, options) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tables.messages,
            Key: key,
            UpdateExpression:
              'SET #text = :text, mentions = :mentions, editedAt = :editedAt, correlationId = :correlationId',
            ConditionExpression:
              'attribute_exists(messageId) AND senderId = :senderId AND attribute_not_exists(deletedAt)',
            ExpressionAttributeNames: { '#text': 'text' },
            ExpressionAttributeValues: {
              ':text': changes.text,
              ':mentions': changes.mentions,
              ':editedAt': changes.editedAt,
              ':correlationId': options.correlationId,
              ':senderId': options.senderId,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? messageOfItem(Attributes) : undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async tombstone(key, options) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tables.messages,
            Key: key,
            UpdateExpression:
              'SET deletedAt = :deletedAt, #text = :empty, mentions = :none, attachments = :none, correlationId = :correlationId',
            ConditionExpression: 'attribute_exists(messageId) AND attribute_not_exists(deletedAt)',
            ExpressionAttributeNames: { '#text': 'text' },
            ExpressionAttributeValues: {
              ':deletedAt': options.deletedAt,
              ':empty': '',
              ':none': [],
              ':correlationId': options.correlationId,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
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
