import { randomUUID } from 'node:crypto';
import { aRoomWithMembers, api, busEvents, signedInUser, type ErrorBody } from '@chat/testing';
import type { Message } from '../../src/domain/message';
import { eventsAbout, send, sent } from '../support/stack-api';

// Each test drives several real requests through the local stack (cold functions start in a few seconds).

describe('POST /rooms/{roomId}/messages', () => {
  it('stores a member’s message as the token’s user, ignoring a forged senderId, with mentions resolved', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const stranger = await signedInUser();

    const response = await send(roomId, owner, {
      text: `hi @${bob.username.toUpperCase()} and @${stranger.username}`,
      senderId: bob.userId,
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      roomId,
      messageId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      senderId: owner.userId,
      text: `hi @${bob.username.toUpperCase()} and @${stranger.username}`,
      mentions: [bob.userId],
      attachments: [],
      createdAt: expect.any(String),
      seq: 1, // the room's first change
      version: 1,
      reactions: [],
    });
  });

  it('stores one message for the same clientMessageId sent 5 times at once: one 201, four 200, one MessageSent', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const clientMessageId = `c-${randomUUID()}`;

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => send(roomId, owner, { text: 'exactly once', clientMessageId })),
    );

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const [first] = responses;
    for (const response of responses) expect(response.body).toEqual(first?.body);
    const messageId = first?.body.messageId ?? '';
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items.filter((m) => m.clientMessageId === clientMessageId)).toHaveLength(1);

    // A later message of the same room is published after it (one stream shard per key range, in order):
    // once that one is on the bus, a duplicate of the first would be too.
    const later = await sent(roomId, owner, 'barrier');
    await eventsAbout('MessageSent', later.messageId);
    const published = (await busEvents('MessageSent')).filter(
      (e) => e.event.detail.data.messageId === messageId,
    );
    expect(published).toHaveLength(1);
    expect(published[0]?.event.detail.data).toEqual(first?.body);
    expect(published[0]?.event.source).toBe('chat.messaging');
  });

  it('answers a later retry of a clientMessageId with 200 and the stored message', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);

    const first = await send(roomId, owner, { text: 'once', clientMessageId: 'retry-me' });
    const retry = await send(roomId, owner, { text: 'once', clientMessageId: 'retry-me' });

    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body).toEqual(first.body);
  });

  it('lets a member who has just joined post at once', async () => {
    const { roomId } = await aRoomWithMembers(0);
    const newcomer = await signedInUser();
    await api('POST', `/rooms/${roomId}/members`, { user: newcomer, body: {} });

    const response = await send(roomId, newcomer, { text: 'I am in' });

    expect(response.status).toBe(201);
  });

  it.each([
    ['empty text without attachments', { text: '' }, 'text'],
    ['text over 4,000 characters', { text: 'x'.repeat(4001) }, 'text'],
    ['an attachmentIds that is not a list', { text: 'x', attachmentIds: 'a' }, 'attachmentIds'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const { roomId, owner } = await aRoomWithMembers(0);

    const response = await send(roomId, owner, body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details?.map((d) => d.field)).toEqual([field]);
  });

  it('refuses malformed JSON with 400 BAD_JSON and a missing token with 401', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);

    const malformed = await api<ErrorBody>('POST', `/rooms/${roomId}/messages`, {
      user: owner,
      body: '{"text":',
    });
    const anonymous = await api<ErrorBody>('POST', `/rooms/${roomId}/messages`, { body: { text: 'hi' } });

    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'BAD_JSON']);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses a non-member with 404, for posting and reading alike, without storing anything', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const stranger = await signedInUser();

    const post = await send(roomId, stranger, { text: 'let me in' });
    const read = await api<ErrorBody>('GET', `/rooms/${roomId}/messages`, { user: stranger });
    const unknownRoom = await send('01JHF3K8Z6W2Q9R4T7Y1A5V3XB', owner, { text: 'anyone?' });

    expect([post.status, post.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect([read.status, read.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(unknownRoom.status).toBe(404);
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items).toEqual([]);
  });
});

describe('GET /rooms/{roomId}/messages', () => {
  async function roomWithHistory(count: number) {
    const room = await aRoomWithMembers(0);
    const messages: Message[] = [];
    for (let i = 0; i < count; i++) messages.push(await sent(room.roomId, room.owner, `message ${i}`));
    return { ...room, ids: messages.map((m) => m.messageId) };
  }

  it('pages newest first with before= until nextCursor is null, then catches up oldest first with after=', async () => {
    const { roomId, owner, ids } = await roomWithHistory(5);
    const page = (query: string) =>
      api<{ items: Message[]; nextCursor: string | null }>('GET', `/rooms/${roomId}/messages?${query}`, {
        user: owner,
      });

    const newest = await page('limit=2');
    const older = await page(`limit=2&before=${newest.body.nextCursor}`);
    const oldest = await page(`limit=2&before=${older.body.nextCursor}`);
    const catchUp = await page(`limit=2&after=${ids[0]}`);
    const rest = await page(`limit=2&after=${catchUp.body.nextCursor}`);

    expect(ids).toEqual([...ids].sort());
    expect(newest.body.items.map((m) => m.messageId)).toEqual([ids[4], ids[3]]);
    expect(older.body.items.map((m) => m.messageId)).toEqual([ids[2], ids[1]]);
    expect(oldest.body).toEqual({
      items: [expect.objectContaining({ messageId: ids[0] })],
      nextCursor: null,
    });
    expect(catchUp.body.items.map((m) => m.messageId)).toEqual([ids[1], ids[2]]);
    expect(rest.body.items.map((m) => m.messageId)).toEqual([ids[3], ids[4]]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('defaults to 50 items', async () => {
    const { roomId, owner } = await roomWithHistory(1);

    const page = await api<{ items: Message[]; nextCursor: string | null }>(
      'GET',
      `/rooms/${roomId}/messages`,
      {
        user: owner,
      },
    );

    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: [expect.objectContaining({ text: 'message 0' })], nextCursor: null });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['before=not-a-cursor', 'before'],
    ['after=01JHF3M2B4C6D8E0F2G4H6J8K', 'after'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const { roomId, owner } = await aRoomWithMembers(0);

    const response = await api<ErrorBody>('GET', `/rooms/${roomId}/messages?${query}`, { user: owner });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((d) => d.field)).toEqual([field]);
  });
});

describe('PATCH and DELETE /rooms/{roomId}/messages/{messageId}', () => {
  it('lets the sender edit: editedAt set, mentions re-resolved, MessageEdited published', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const original = await sent(roomId, owner, 'draft');

    const edited = await api<Message>('PATCH', `/rooms/${roomId}/messages/${original.messageId}`, {
      user: owner,
      body: { text: `final, @${bob.username}` },
    });

    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({
      ...original,
      text: `final, @${bob.username}`,
      mentions: [bob.userId],
      editedAt: expect.any(String),
      version: (original.version ?? 0) + 1, // the edit is the room's next change; seq stays
    });
    const [event] = await eventsAbout('MessageEdited', original.messageId);
    expect(event?.event.detail.data).toEqual(edited.body);
  });

  it('refuses another member’s edit with 403, even the owner’s, and a non-member’s with 404', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const bob = members[0]!;
    const stranger = await signedInUser();
    const bobs = await sent(roomId, bob, 'mine');

    const byOwner = await api<ErrorBody>('PATCH', `/rooms/${roomId}/messages/${bobs.messageId}`, {
      user: owner,
      body: { text: 'hijacked' },
    });
    const byStranger = await api<ErrorBody>('PATCH', `/rooms/${roomId}/messages/${bobs.messageId}`, {
      user: stranger,
      body: { text: 'hijacked' },
    });

    expect([byOwner.status, byOwner.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([byStranger.status, byStranger.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('lets the sender delete: a tombstone stays in history, MessageDeleted published, no edit after', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const message = await sent(roomId, owner, 'regrettable');

    const deleted = await api('DELETE', `/rooms/${roomId}/messages/${message.messageId}`, { user: owner });
    const again = await api('DELETE', `/rooms/${roomId}/messages/${message.messageId}`, { user: owner });
    const edit = await api<ErrorBody>('PATCH', `/rooms/${roomId}/messages/${message.messageId}`, {
      user: owner,
      body: { text: 'undo' },
    });
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages`, { user: owner });

    expect([deleted.status, again.status]).toEqual([204, 204]);
    expect([edit.status, edit.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(history.body.items).toEqual([
      { ...message, text: '', mentions: [], attachments: [], deletedAt: expect.any(String), version: 2 },
    ]);
    const events = await eventsAbout('MessageDeleted', message.messageId);
    expect(events.map((e) => e.event.detail.data)).toEqual([
      { roomId, messageId: message.messageId, version: 2 },
    ]);
  });

  it('lets the owner delete a member’s message, refuses a plain member with 403 and a non-member with 404', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(2);
    const [bob, carol] = [members[0]!, members[1]!];
    const stranger = await signedInUser();
    const bobs = await sent(roomId, bob, 'hello all');

    const byCarol = await api<ErrorBody>('DELETE', `/rooms/${roomId}/messages/${bobs.messageId}`, {
      user: carol,
    });
    const byStranger = await api<ErrorBody>('DELETE', `/rooms/${roomId}/messages/${bobs.messageId}`, {
      user: stranger,
    });
    const byOwner = await api('DELETE', `/rooms/${roomId}/messages/${bobs.messageId}`, { user: owner });

    expect([byCarol.status, byCarol.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([byStranger.status, byStranger.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(byOwner.status).toBe(204);
  });

  it('answers 404 for a message that does not exist', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);

    const edit = await api('PATCH', `/rooms/${roomId}/messages/01JHF3M2B4C6D8E0F2G4H6J8KM`, {
      user: owner,
      body: { text: 'x' },
    });
    const remove = await api('DELETE', `/rooms/${roomId}/messages/01JHF3M2B4C6D8E0F2G4H6J8KM`, {
      user: owner,
    });

    expect([edit.status, remove.status]).toEqual([404, 404]);
  });
});
