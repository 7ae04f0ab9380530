import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  connect,
  eventually,
  signedInUser,
  type ErrorBody,
  type SignedInUser,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';
import { eventsAbout, send, sent } from '../support/stack-api';

interface Page extends ErrorBody {
  items: Message[];
  nextCursor: string | null;
}

afterAll(() => closeAllSockets());

const reply = (roomId: string, user: SignedInUser, threadId: string, text: string) =>
  send(roomId, user, { text, threadId });

async function replied(roomId: string, user: SignedInUser, threadId: string, text: string): Promise<Message> {
  const answer = await reply(roomId, user, threadId, text);
  expect(answer.status).toBe(201);
  return answer.body;
}

const replies = (roomId: string, user: SignedInUser, messageId: string, query = '') =>
  api<Page>('GET', `/rooms/${roomId}/messages/${messageId}/replies${query}`, { user });

function expectThreadIdRefused(answer: { status: number; body: unknown }): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({
    error: {
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: [{ field: 'threadId', message: expect.any(String) }],
    },
  });
}

describe('threads', () => {
  it('stores a reply with threadId and its own seq and version, keeps it out of history and lists it in the thread and in changes', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const [bob] = members as [SignedInUser];
    const parent = await sent(roomId, owner, 'a question');

    const answer = await replied(roomId, bob, parent.messageId, 'an answer');
    const after = await sent(roomId, owner, 'top level again');

    expect(answer).toMatchObject({ threadId: parent.messageId, seq: 2, version: 2, senderId: bob.userId });
    const history = await api<Page>('GET', `/rooms/${roomId}/messages`, { user: owner });
    expect(history.body.items.map((m) => m.messageId)).toEqual([after.messageId, parent.messageId]);
    const thread = await replies(roomId, owner, parent.messageId);
    expect(thread.status).toBe(200);
    expect(thread.body).toEqual({ items: [answer], nextCursor: null });
    const changes = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/changes`, { user: owner });
    expect(changes.body.items.map((m) => [m.messageId, m.version])).toEqual([
      [parent.messageId, 1],
      [answer.messageId, 2],
      [after.messageId, 3],
    ]);
  });

  it('pages a thread like history: newest first, before and after a reply id', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const parent = await sent(roomId, owner, 'long thread');
    const all: Message[] = [];
    for (let i = 0; i < 5; i++) all.push(await replied(roomId, owner, parent.messageId, `reply ${i}`));
    const ids = all.map((m) => m.messageId);

    const first = await replies(roomId, owner, parent.messageId, '?limit=2');
    const second = await replies(roomId, owner, parent.messageId, `?limit=2&before=${first.body.nextCursor}`);
    const forward = await replies(roomId, owner, parent.messageId, `?limit=10&after=${ids[1]}`);

    expect(first.body.items.map((m) => m.messageId)).toEqual([ids[4], ids[3]]);
    expect(first.body.nextCursor).toBe(ids[3]);
    expect(second.body.items.map((m) => m.messageId)).toEqual([ids[2], ids[1]]);
    expect(forward.body).toEqual({ items: all.slice(2), nextCursor: null });
    // A cursor that is not a reply of this thread (here: the parent itself).
    const wrong = await replies(roomId, owner, parent.messageId, `?before=${parent.messageId}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ field: 'before', message: expect.any(String) }]);
  });

  it("keeps the parent's thread summary: reply count, latest reply time, the repliers", async () => {
    const { roomId, owner, members } = await aRoomWithMembers(2);
    const [bob, carol] = members as [SignedInUser, SignedInUser];
    const parent = await sent(roomId, owner, 'summary please');

    await replied(roomId, bob, parent.messageId, 'one');
    await replied(roomId, carol, parent.messageId, 'two');
    const last = await replied(roomId, bob, parent.messageId, 'three');

    const summary = await eventually(
      async () => {
        const page = await api<Page>('GET', `/rooms/${roomId}/messages`, { user: owner });
        const thread = page.body.items.find((m) => m.messageId === parent.messageId)?.thread;
        return thread?.replyCount === 3 ? thread : undefined;
      },
      { what: 'the thread summary of 3 replies' },
    );
    expect(summary).toEqual({
      replyCount: 3,
      lastReplyAt: last.createdAt,
      participantIds: [bob.userId, carol.userId],
    });
  });

  it('counts concurrent replies exactly', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(3);
    const parent = await sent(roomId, owner, 'everyone answer');
    const everyone = [owner, ...members];

    await Promise.all(everyone.map((user, i) => replied(roomId, user, parent.messageId, `answer ${i}`)));

    const thread = await eventually(
      async () => {
        const page = await api<Page>('GET', `/rooms/${roomId}/messages`, { user: owner });
        const found = page.body.items.find((m) => m.messageId === parent.messageId)?.thread;
        return found?.replyCount === 4 ? found : undefined;
      },
      { what: 'the summary of 4 concurrent replies' },
    );
    expect([...thread.participantIds].sort()).toEqual(everyone.map((u) => u.userId).sort());
  });

  it('refuses a threadId of another room, of a reply, of a deleted or unknown message with 400 naming threadId', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const other = await aRoomWithMembers(0, {});
    const elsewhere = await sent(other.roomId, other.owner, 'in another room');
    const parent = await sent(roomId, owner, 'parent');
    const aReply = await replied(roomId, owner, parent.messageId, 'a reply');
    const deleted = await sent(roomId, owner, 'to be deleted');
    expect(
      (await api('DELETE', `/rooms/${roomId}/messages/${deleted.messageId}`, { user: owner })).status,
    ).toBe(204);

    for (const threadId of [
      elsewhere.messageId,
      aReply.messageId,
      deleted.messageId,
      '01HZY3Q8J9K2M4N6P8R0S2T4V6',
    ]) {
      expectThreadIdRefused(await reply(roomId, owner, threadId, 'nope'));
    }
    expectThreadIdRefused(await reply(roomId, owner, 'x'.repeat(5000), 'nope'));
    const thread = await replies(roomId, owner, parent.messageId);
    expect(thread.body.items.map((m) => m.messageId)).toEqual([aReply.messageId]);
  });

  it('answers 404 for the replies of a reply, of an unknown message, and to a non-member', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const stranger = await signedInUser();
    const parent = await sent(roomId, owner, 'parent');
    const aReply = await replied(roomId, owner, parent.messageId, 'reply');

    expect((await replies(roomId, owner, aReply.messageId)).status).toBe(404);
    expect((await replies(roomId, owner, '01HZY3Q8J9K2M4N6P8R0S2T4V6')).status).toBe(404);
    expect((await replies(roomId, stranger, parent.messageId)).status).toBe(404);
    expect((await reply(roomId, stranger, parent.messageId, 'let me in')).status).toBe(404);
  });

  it("takes threadId on the WebSocket too, and publishes the reply with its thread and its parent's author", async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const [bob] = members as [SignedInUser];
    const parent = await sent(roomId, owner, 'parent');
    const socket = await connect<{ type: string; clientMessageId?: string; message?: Message }>(
      bob.accessToken,
    );

    socket.send({
      action: 'sendMessage',
      roomId,
      text: 'over the socket',
      clientMessageId: 'r-1',
      threadId: parent.messageId,
    });
    const ack = await socket.first((f) => f.type === 'ack' && f.clientMessageId === 'r-1', 'the ack');
    socket.send({
      action: 'sendMessage',
      roomId,
      text: 'bad',
      clientMessageId: 'r-2',
      threadId: ack.message?.messageId,
    });
    const refused = await socket.first((f) => f.clientMessageId === 'r-2', 'the refusal');

    expect(ack.message).toMatchObject({ threadId: parent.messageId, text: 'over the socket' });
    expect(refused).toMatchObject({ type: 'error', error: { code: 'VALIDATION_FAILED' } });
    const [event] = await eventsAbout('MessageSent', ack.message?.messageId as string);
    expect(event?.event.detail.data).toMatchObject({
      threadId: parent.messageId,
      threadAuthorId: owner.userId,
    });
    const frame = await socket.next('message.sent', (f) => f.message?.messageId === ack.message?.messageId);
    expect(frame.message).toEqual(ack.message);
  });
});
