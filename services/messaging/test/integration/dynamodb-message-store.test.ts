import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
  roomVersions: 'chat-messaging-local-room-versions',
  reactions: 'chat-messaging-local-reactions',
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
    const winner = created[0]?.outcome === 'created' ? created[0].message : undefined;
    expect(winner).toMatchObject({ seq: 1, version: 1 });
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

  it('pages a room by seq ranges in both directions, knowing when more exist', async () => {
    const roomId = `room-${randomUUID()}`;
    const messages = Array.from({ length: 4 }, () => aMessage(roomId));
    for (const message of messages) await store.create(message, { correlationId: 'test' });
    const ids = messages.map((m) => m.messageId);

    const latest = await store.page(roomId, { kind: 'latest' }, 3);
    const before = await store.page(roomId, { kind: 'before', seq: 2 }, 3);
    const after = await store.page(roomId, { kind: 'after', seq: 1 }, 3);

    expect([latest.items.map((m) => m.messageId), latest.hasMore]).toEqual([[ids[3], ids[2], ids[1]], true]);
    expect([before.items.map((m) => m.messageId), before.hasMore]).toEqual([[ids[0]], false]);
    expect([after.items.map((m) => m.messageId), after.hasMore]).toEqual([[ids[1], ids[2], ids[3]], false]);
  });
});

/** Every change of the room from version 0, through the changes feed, as [messageId, version] pairs. */
async function changesOf(roomId: string): Promise<[string, number | undefined][]> {
  const upTo = await store.roomVersion(roomId);
  const { items, hasMore } = await store.changes(roomId, { since: 0, upTo }, 200);
  expect(hasMore).toBe(false);
  return items.map((m) => [m.messageId, m.version]);
}

/**
 * A fault at the adapter boundary: the real DynamoDB Local client, except that one TransactWriteItems call (the
 * `nth`) fails — before it is sent (a crash after the counter was read) or after DynamoDB applied it (the
 * answer lost). Neither can be produced on demand against a real table, so the client is wrapped for them.
 */
function faultyClient(nth: number, when: 'before-write' | 'after-write'): DynamoDBDocumentClient {
  let transactions = 0;
  const send = async (command: unknown) => {
    if (command instanceof TransactWriteCommand && ++transactions === nth) {
      if (when === 'before-write') throw new Error('injected crash before the transaction');
      await client.send(command);
      throw new Error('injected loss of the answer after the transaction');
    }
    return client.send(command as never);
  };
  return { send } as unknown as DynamoDBDocumentClient;
}

describe('room versions in the DynamoDB message store', () => {
  it('gives 20 concurrent creates (5 of them retries of a clientMessageId) the versions 1..15, each once', async () => {
    const roomId = `room-${randomUUID()}`;
    const distinct = Array.from({ length: 15 }, (_, i) => aMessage(roomId, { clientMessageId: `c-${i}` }));
    const retries = distinct.slice(0, 5).map((m) => aMessage(roomId, { clientMessageId: m.clientMessageId }));

    const outcomes = await Promise.all(
      [...distinct, ...retries].map((m) => store.create(m, { correlationId: 'test' })),
    );

    const stored = outcomes.flatMap((o) => (o.outcome === 'created' ? [o.message] : []));
    expect(stored.map((m) => m.version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    expect(stored.every((m) => m.seq === m.version)).toBe(true);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(5);
    expect(await store.roomVersion(roomId)).toBe(15);
    const history = await store.page(roomId, { kind: 'after', seq: 0 }, 100);
    expect(history.items.map((m) => m.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect((await changesOf(roomId)).map(([, version]) => version)).toEqual(history.items.map((m) => m.seq));
  });

  it('gives edits and deletes the next version; a refused edit or a second delete takes none', async () => {
    const roomId = `room-${randomUUID()}`;
    const first = aMessage(roomId);
    const second = aMessage(roomId);
    const created = [];
    for (const message of [first, second]) {
      const outcome = await store.create(message, { correlationId: 'test' });
      if (outcome.outcome === 'created') created.push(outcome.message);
    }

    const edited = await store.edit(
      created[0]!,
      { text: 'edited', mentions: [], editedAt: new Date().toISOString() },
      { senderId: first.senderId, correlationId: 'test' },
    );
    const notTheSender = await store.edit(
      created[0]!,
      { text: 'hijack', mentions: [], editedAt: new Date().toISOString() },
      { senderId: 'someone-else', correlationId: 'test' },
    );
    const deleted = await store.tombstone(second, {
      deletedAt: new Date().toISOString(),
      correlationId: 'test',
    });
    const again = await store.tombstone(second, {
      deletedAt: new Date().toISOString(),
      correlationId: 'test',
    });

    expect(edited).toMatchObject({ text: 'edited', seq: 1, version: 3 });
    expect(notTheSender).toBeUndefined();
    expect([deleted, again]).toEqual([true, false]);
    expect(await store.get(roomId, first.messageId)).toEqual(edited);
    expect(await store.roomVersion(roomId)).toBe(4);
    expect(await changesOf(roomId)).toEqual([
      [first.messageId, 3],
      [second.messageId, 4],
    ]);
  });

  it('leaves no gap when a change crashes after reading the counter, before its transaction', async () => {
    const roomId = `room-${randomUUID()}`;
    const faulty = dynamoMessageStore(faultyClient(2, 'before-write'), tables);
    const [a, crashed, b] = [aMessage(roomId), aMessage(roomId), aMessage(roomId)];

    await faulty.create(a, { correlationId: 'test' });
    await expect(faulty.create(crashed, { correlationId: 'test' })).rejects.toThrow('injected crash');
    await faulty.create(b, { correlationId: 'test' });

    expect(await store.get(roomId, crashed.messageId)).toBeUndefined();
    expect(await changesOf(roomId)).toEqual([
      [a.messageId, 1],
      [b.messageId, 2],
    ]);
  });

  it('answers the retry of a send whose answer was lost with the stored message and its version, taking no new one', async () => {
    const roomId = `room-${randomUUID()}`;
    const faulty = dynamoMessageStore(faultyClient(1, 'after-write'), tables);
    const lost = aMessage(roomId, { clientMessageId: 'lost-answer' });

    await expect(faulty.create(lost, { correlationId: 'test' })).rejects.toThrow('injected loss');
    const retry = await faulty.create(aMessage(roomId, { clientMessageId: 'lost-answer' }), {
      correlationId: 'test',
    });
    const next = await faulty.create(aMessage(roomId), { correlationId: 'test' });

    expect(retry).toEqual({ outcome: 'duplicate', existing: { ...lost, seq: 1, version: 1, reactions: [] } });
    expect(next).toMatchObject({ outcome: 'created', message: { seq: 2, version: 2 } });
    expect((await changesOf(roomId)).map(([, version]) => version)).toEqual([1, 2]);
  });
});
