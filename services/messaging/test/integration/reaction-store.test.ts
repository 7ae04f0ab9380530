import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stackDocumentClient } from '@chat/testing';
import { monotonicFactory } from 'ulid';
import { dynamoMessageStore } from '../../src/adapters/dynamodb-messages';
import type { Message } from '../../src/domain/message';
import { changeReaction, type ChangeReactionInput } from '../../src/use-cases/change-reaction';
import type { MembershipReader, MessageStore } from '../../src/use-cases/ports';
import { fakeLimits } from '../support/fakes';

// The reaction use case on the real messages, counter and reactions tables of DynamoDB Local, with hundreds of
// users: membership is a port answering "member" for everyone (the REST tests cover the real membership check).

const tables = {
  messages: 'chat-messaging-local-messages',
  clientMessageIds: 'chat-messaging-local-client-message-ids',
  attachments: 'chat-messaging-local-attachments',
  roomVersions: 'chat-messaging-local-room-versions',
  reactions: 'chat-messaging-local-reactions',
};
const nextId = monotonicFactory();
const everyoneIsAMember: MembershipReader = {
  membershipOf: async (roomId, userId) => ({ roomId, userId, role: 'member' }),
  membersByUsername: async () => new Map(),
  roomsPage: async () => ({ items: [] }),
  membersPage: async () => ({ items: [] }),
};

let client: DynamoDBDocumentClient;

beforeAll(() => {
  client = stackDocumentClient();
});

afterAll(() => client.destroy());

/** A client that counts the requests it sends, by command name. */
function countingClient(): { client: DynamoDBDocumentClient; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const send = (command: { constructor: { name: string } }) => {
    counts.set(command.constructor.name, (counts.get(command.constructor.name) ?? 0) + 1);
    return client.send(command as never);
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, counts };
}

async function aStoredMessage(store: MessageStore): Promise<Message> {
  const outcome = await store.create(
    {
      roomId: `room-${randomUUID()}`,
      messageId: nextId(),
      senderId: 'sender-1',
      text: 'react to me',
      mentions: [],
      attachments: [],
      createdAt: new Date().toISOString(),
    },
    { correlationId: 'test' },
  );
  if (outcome.outcome !== 'created') throw new Error(`not created: ${outcome.outcome}`);
  return outcome.message;
}

function reactionBy(message: Message, userId: string, change: ChangeReactionInput['change']) {
  return {
    roomId: message.roomId,
    messageId: message.messageId,
    userId,
    reaction: '👍',
    change,
    correlationId: 't',
  };
}

describe('reactions on DynamoDB', () => {
  it('keeps count exact beyond 100 users while listing 100, and lists again after removals', async () => {
    const store = dynamoMessageStore(client, tables);
    const clock = { now: () => new Date() };
    const deps = { clock, memberships: everyoneIsAMember, messages: store, limits: fakeLimits(clock) };
    const message = await aStoredMessage(store);
    const users = Array.from({ length: 105 }, (_, i) => `user-${String(i).padStart(3, '0')}`);

    for (const userId of users) await changeReaction(deps, reactionBy(message, userId, 'added'));

    const full = await store.get(message.roomId, message.messageId);
    expect(full?.reactions?.[0]?.count).toBe(105);
    expect(full?.reactions?.[0]?.userIds).toEqual(users.slice(0, 100));
    expect(full?.version).toBe(106);

    // Six listed users leave: the list is refilled from the per-user records (userId order).
    for (const userId of users.slice(0, 6))
      await changeReaction(deps, reactionBy(message, userId, 'removed'));

    const after = await store.get(message.roomId, message.messageId);
    expect(after?.reactions?.[0]?.count).toBe(99);
    expect(after?.reactions?.[0]?.userIds).toEqual(users.slice(6));
    expect(after?.version).toBe(112);
  });

  it('takes exactly 3 GetItem and 1 TransactWriteItems for an uncontended reaction (plus the membership read)', async () => {
    const counting = countingClient();
    const store = dynamoMessageStore(counting.client, tables);
    const clock = { now: () => new Date() };
    const deps = { clock, memberships: everyoneIsAMember, messages: store, limits: fakeLimits(clock) };
    const message = await aStoredMessage(store);
    counting.counts.clear();

    await changeReaction(deps, reactionBy(message, 'user-a', 'added'));
    const perAdd = Object.fromEntries(counting.counts);
    counting.counts.clear();
    await changeReaction(deps, reactionBy(message, 'user-a', 'added'));
    const perRepeat = Object.fromEntries(counting.counts);
    counting.counts.clear();
    await changeReaction(deps, reactionBy(message, 'user-a', 'removed'));
    const perRemove = Object.fromEntries(counting.counts);

    // The message, the user's record, the room's counter; then one transaction of three items.
    expect(perAdd).toEqual({ GetCommand: 3, TransactWriteCommand: 1 });
    // A repeat reads the message and the record, and writes nothing.
    expect(perRepeat).toEqual({ GetCommand: 2 });
    expect(perRemove).toEqual({ GetCommand: 3, TransactWriteCommand: 1 });
  });
});
