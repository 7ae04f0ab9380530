import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  aRoomWithMembers,
  api,
  createRoom,
  eventually,
  joinRoom,
  leaveRoom,
  signedInUser,
  stackDocumentClient,
  type ErrorBody,
  type SignedInUser,
} from '@chat/testing';
import { dynamoSearchIndex } from '../../src/adapters/dynamodb-search-index';
import type { Message } from '../../src/domain/message';
import { termsOf } from '../../src/domain/search';
import { indexMessage } from '../../src/use-cases/index-message';
import { sent } from '../support/stack-api';

interface Page extends ErrorBody {
  items: Message[];
  nextCursor: string | null;
}

const inRoom = (roomId: string, user: SignedInUser, query: string) =>
  api<Page>('GET', `/rooms/${roomId}/search?${query}`, { user });
const everywhere = (user: SignedInUser, query: string) => api<Page>('GET', `/search?${query}`, { user });
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** The ids a search answers once they are what `expected` says (the index is eventually consistent). */
async function idsOnceEqual(search: () => Promise<{ body: Page }>, expected: string[], what: string) {
  return eventually(
    async () => {
      const ids = (await search()).body.items?.map((m) => m.messageId) ?? [];
      return JSON.stringify(ids) === JSON.stringify(expected) ? ids : undefined;
    },
    { what },
  );
}

describe('search', () => {
  it('finds messages by every word, case-, accent- and punctuation-insensitively, the last word as a prefix, newest first', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const a = await sent(roomId, owner, 'The Crème Brûlée recipe, finally!');
    const b = await sent(roomId, owner, 'creme brulee is overrated');
    await sent(roomId, owner, 'nothing to see here');

    await idsOnceEqual(() => inRoom(roomId, owner, q('CREME brul')), [b.messageId, a.messageId], 'both');
    const exact = await inRoom(roomId, owner, q('crème, BRÛLÉE! recip'));
    expect(exact.status).toBe(200);
    expect(exact.body).toEqual({ items: [a], nextCursor: null });
    expect((await inRoom(roomId, owner, q('brulee recipes'))).body.items).toEqual([]);
    // A whole word must be a whole word: only the last one is a prefix.
    expect((await inRoom(roomId, owner, q('crem brulee'))).body.items).toEqual([]);
  });

  it('re-indexes an edit and removes a delete', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const m = await sent(roomId, owner, 'meeting on tuesday');
    await idsOnceEqual(() => inRoom(roomId, owner, q('tuesday')), [m.messageId], 'the original');

    await api('PATCH', `/rooms/${roomId}/messages/${m.messageId}`, {
      user: owner,
      body: { text: 'meeting on wednesday' },
    });
    await idsOnceEqual(() => inRoom(roomId, owner, q('wednesday')), [m.messageId], 'the edit');
    expect((await inRoom(roomId, owner, q('tuesday'))).body.items).toEqual([]);

    await api('DELETE', `/rooms/${roomId}/messages/${m.messageId}`, { user: owner });
    await idsOnceEqual(() => inRoom(roomId, owner, q('meeting')), [], 'nothing after the delete');
  });

  it('pages with nextCursor, each match once', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await sent(roomId, owner, `paging item ${i}`)).messageId);
    const newestFirst = [...ids].reverse();
    await idsOnceEqual(() => inRoom(roomId, owner, q('paging')), newestFirst, 'all five');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page } = await inRoom(
        roomId,
        owner,
        `${q('paging')}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      seen.push(...page.body.items.map((m) => m.messageId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(newestFirst);
  });

  it("searches across the caller's rooms only, and stops finding a room the caller left", async () => {
    const [alice, bob] = [await signedInUser(), await signedInUser()];
    const word = `zq${Date.now().toString(36)}`;
    const shared = await createRoom(alice);
    await joinRoom(shared.roomId, bob);
    const secret = await createRoom(alice, { visibility: 'private' });
    const inShared = await sent(shared.roomId, alice, `${word} in the shared room`);
    const inSecret = await sent(secret.roomId, alice, `${word} in the private room`);

    await idsOnceEqual(
      () => everywhere(alice, q(word)),
      [inSecret.messageId, inShared.messageId],
      'alice sees both',
    );
    expect((await everywhere(bob, q(word))).body.items.map((m) => m.messageId)).toEqual([inShared.messageId]);
    expect((await inRoom(secret.roomId, bob, q(word))).status).toBe(404);

    await leaveRoom(shared.roomId, bob);
    expect((await everywhere(bob, q(word))).body.items).toEqual([]);
    expect((await inRoom(shared.roomId, bob, q(word))).status).toBe(404);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['101 characters', 'a'.repeat(101)],
    ['9 words', 'one two three four five six seven eight nine'],
    ['only punctuation', '?!... --- ,,,'],
  ])('refuses q that is %s with 400 naming q', async (_name, text) => {
    const { roomId, owner } = await aRoomWithMembers(0);
    for (const answer of [await inRoom(roomId, owner, q(text)), await everywhere(owner, q(text))]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          details: [{ field: 'q', message: expect.any(String) }],
        },
      });
    }
  });

  it('refuses a missing q, a bad limit and a forged cursor with 400', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    expect((await inRoom(roomId, owner, '')).status).toBe(400);
    expect((await inRoom(roomId, owner, `${q('x')}&limit=51`)).status).toBe(400);
    expect((await inRoom(roomId, owner, `${q('x')}&cursor=bm90LWEtY3Vyc29y`)).body.error.details).toEqual([
      { field: 'cursor', message: expect.any(String) },
    ]);
  });
});

describe('the cost of indexing a message, counted', () => {
  let client: DynamoDBDocumentClient;
  beforeAll(() => {
    client = stackDocumentClient();
  });
  afterAll(() => client.destroy());

  it('writes one small item per term in BatchWriteItem calls of 25, and nothing for a change of no term', async () => {
    const calls: { name: string; writes: number }[] = [];
    const counting = {
      send: (command: {
        constructor: { name: string };
        input: { RequestItems?: Record<string, unknown[]> };
      }) => {
        const writes = Object.values(command.input.RequestItems ?? {}).reduce((n, r) => n + r.length, 0);
        calls.push({ name: command.constructor.name, writes });
        return client.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const search = dynamoSearchIndex(counting, 'chat-messaging-local-search-index');
    // 13 words, 12 distinct: a typical chat line.
    const text = 'Can we move the design review to Thursday afternoon? The room is booked';
    const message = {
      roomId: `room-${Date.now()}`,
      messageId: '01HZY3Q8J9K2M4N6P8R0S2T4V6',
      senderId: 's',
      text,
      mentions: [],
      attachments: [],
      createdAt: new Date().toISOString(),
    };

    await indexMessage({ search }, undefined, message);
    const onSend = [...calls];
    calls.length = 0;
    await indexMessage({ search }, message, {
      ...message,
      reactions: [{ reaction: '👍', count: 1, userIds: ['u'] }],
    });
    const onReaction = [...calls];
    await indexMessage({ search }, message, { ...message, text: `${text} tomorrow` });
    const onEdit = calls.slice(onReaction.length);

    const terms = termsOf(text).length;
    expect(terms).toBe(36);
    expect(onSend).toEqual([
      { name: 'BatchWriteCommand', writes: 25 },
      { name: 'BatchWriteCommand', writes: 11 },
    ]);
    expect(onReaction).toEqual([]);
    // "tomorrow" adds w:tomorrow and p:tom (p:t and p:to exist already).
    expect(onEdit).toEqual([{ name: 'BatchWriteCommand', writes: 2 }]);
  });
});
