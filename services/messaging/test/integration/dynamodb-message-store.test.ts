import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stackDocumentClient } from '@chat/testing';
import { monotonicFactory } from 'ulid';
import { dynamoAttachmentRecords } from '../../src/adapters/dynamodb-attachments';
import { dynamoMessageStore } from '../../src/adapters/dynamodb-messages';
import type { Message } from '../../src/domain/message';
import type { MessageStore } from '../../src/use-cases/ports';

/** The messaging tables of the local stack (created from serverless.ts). */
const tables = {
  messages: 'chat-messaging-local-messages',
  clientMessageIds: 'chat-messaging-local-client-message-ids',
  attachments: 'chat-messaging-local-attachments',
};
const nextId = monotonicFactory();

let client: DynamoDBDocumentClient;
let store: MessageStore;

beforeAll(() => {
  client = stackDocumentClient();
  store = dynamoMessageStore(client, tables);
});

afterAll(() => client.destroy());

function aMessage(roomId: string, overrides: Partial<Message> = {}): Message {
  return {
    roomId,
    messageId: nextId(),
    senderId: 'sender-1',
    text: 'hello',
    mentions: [],
    attachments: [],
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('the DynamoDB message store', () => {
  it('stores one of several concurrent creates with the same clientMessageId and returns it to the others', async () => {
    const roomId = `room-${randomUUID()}`;
    const copies = Array.from({ length: 5 }, (_, i) =>
      aMessage(roomId, { clientMessageId: 'same', text: `copy ${i}` }),
    );

    const outcomes = await Promise.all(copies.map((copy) => store.create(copy, { correlationId: 'test' })));

    const created = outcomes.filter((o) => o.outcome === 'created');
    expect(created).toHaveLength(1);
    const winner = copies[outcomes.findIndex((o) => o.outcome === 'created')];
    for (const outcome of outcomes.filter((o) => o.outcome !== 'created')) {
      expect(outcome).toEqual({ outcome: 'duplicate', existing: winner });
    }
    expect((await store.page(roomId, { kind: 'latest' }, 10)).items).toEqual([winner]);
  });

  it('lets only one of two concurrent messages claim the same attachment', async () => {
    const roomId = `room-${randomUUID()}`;
    const attachmentId = nextId();
    await dynamoAttachmentRecords(client, tables.attachments).put({
      attachmentId,
      roomId,
      uploaderId: 'sender-1',
      fileName: 'a.png',
      contentType: 'image/png',
      size: 1,
      createdAt: new Date().toISOString(),
    });
    const attachment = { attachmentId, fileName: 'a.png', contentType: 'image/png', size: 1 };

    const outcomes = await Promise.all(
      [aMessage(roomId, { attachments: [attachment] }), aMessage(roomId, { attachments: [attachment] })].map(
        (m) => store.create(m, { correlationId: 'test' }),
      ),
    );

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['attachment-unavailable', 'created']);
    expect((await store.page(roomId, { kind: 'latest' }, 10)).items).toHaveLength(1);
  });

  it('counts unread messages of others exactly below the cap and stops at it', async () => {
    const roomId = `room-${randomUUID()}`;
    const messages = Array.from({ length: 130 }, (_, i) =>
      aMessage(roomId, { senderId: i % 10 === 0 ? 'reader' : 'writer' }),
    );
    for (const message of messages) {
      await client.send(new PutCommand({ TableName: tables.messages, Item: message }));
    }
    const marker = messages[99]?.messageId;

    const all = await store.countAfter(roomId, undefined, 'reader', 100);
    const afterMarker = await store.countAfter(roomId, marker, 'reader', 100);
    const none = await store.countAfter(roomId, messages.at(-1)?.messageId, 'reader', 100);

    expect(all).toEqual({ count: 100, capped: true });
    expect(afterMarker).toEqual({ count: 27, capped: false }); // 30 after it, 3 of them the reader's
    expect(none).toEqual({ count: 0, capped: false });
  });

  it('pages a room by key ranges in both directions, knowing when more exist', async () => {
    const roomId = `room-${randomUUID()}`;
    const messages = Array.from({ length: 4 }, () => aMessage(roomId));
    for (const message of messages) await store.create(message, { correlationId: 'test' });
    const ids = messages.map((m) => m.messageId);

    const latest = await store.page(roomId, { kind: 'latest' }, 3);
    const before = await store.page(roomId, { kind: 'before', messageId: ids[1] ?? '' }, 3);
    const after = await store.page(roomId, { kind: 'after', messageId: ids[0] ?? '' }, 3);

    expect([latest.items.map((m) => m.messageId), latest.hasMore]).toEqual([[ids[3], ids[2], ids[1]], true]);
    expect([before.items.map((m) => m.messageId), before.hasMore]).toEqual([[ids[0]], false]);
    expect([after.items.map((m) => m.messageId), after.hasMore]).toEqual([[ids[1], ids[2], ids[3]], false]);
  });
});
