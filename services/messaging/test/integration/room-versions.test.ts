import { randomUUID } from 'node:crypto';
import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  connect,
  leaveRoom,
  signedInUser,
  type ErrorBody,
  type SignedInUser,
  type TestSocket,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';
import { send, sent } from '../support/stack-api';

interface ChangesBody extends ErrorBody {
  items: Message[];
  version: number;
  nextSince: number | null;
}

interface Frame {
  type: string;
  clientMessageId?: string;
  message?: Message;
}

afterAll(() => closeAllSockets());

const changes = (roomId: string, user: SignedInUser, query = '') =>
  api<ChangesBody>('GET', `/rooms/${roomId}/changes${query}`, { user });

/** Every change of the room since `since`, following nextSince to the end. */
async function allChanges(
  roomId: string,
  user: SignedInUser,
  since = 0,
  limit = 200,
): Promise<Omit<ChangesBody, 'error'>> {
  const items: Message[] = [];
  let next: number | null = since;
  let version = since;
  while (next !== null) {
    const page = await changes(roomId, user, `?since=${next}&limit=${limit}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    version = page.body.version;
    next = page.body.nextSince;
  }
  return { items, version, nextSince: null };
}

/** Sends over a WebSocket and waits for its answer (an ack with the stored message). */
async function socketSend(
  socket: TestSocket<Frame>,
  roomId: string,
  clientMessageId: string,
): Promise<Message> {
  socket.send({ action: 'sendMessage', roomId, text: `ws ${clientMessageId}`, clientMessageId });
  const answer = await socket.first(
    (f) => f.clientMessageId === clientMessageId,
    `the ack of ${clientMessageId}`,
  );
  expect(answer.type).toBe('ack');
  return answer.message as Message;
}

describe('room versions and GET /rooms/{roomId}/changes', () => {
  it('gives 20 concurrent senders over REST and WebSocket, some retrying, the versions 1..N exactly once, in seq order', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(4);
    const senders = [owner, ...members];
    const sockets = await Promise.all(senders.map((user) => connect<Frame>(user.accessToken)));
    // One send each way first, so that the burst below measures the race for versions, not the functions' cold
    // start (the local runtime times out every call of a function at once when one of them overruns).
    const warmUp = [
      await sent(roomId, owner, 'warm-up'),
      await socketSend(sockets[0]!, roomId, `w-${randomUUID()}`),
    ];

    // 20 senders at once: even ones post over REST, odd ones over the socket; every fourth sends its
    // clientMessageId a second time at the same moment (REST and WebSocket), which must store it once.
    const attempts = Array.from({ length: 20 }, (_, i) => {
      const who = i % senders.length;
      const clientMessageId = `c-${i}-${randomUUID()}`;
      const viaRest = () =>
        send(roomId, senders[who]!, { text: `rest ${i}`, clientMessageId }).then((r) => {
          expect([200, 201]).toContain(r.status);
          return r.body as Message;
        });
      const viaSocket = () => socketSend(sockets[who]!, roomId, clientMessageId);
      const first = i % 2 === 0 ? viaRest() : viaSocket();
      return i % 4 === 0 ? [first, viaSocket()] : [first];
    });
    const answers = await Promise.all(attempts.flat());

    const distinct = new Map([...warmUp, ...answers].map((m) => [m.messageId, m]));
    expect(distinct.size).toBe(22);
    const versions = [...distinct.values()].map((m) => m.version).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(versions).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const message of distinct.values()) expect(message.seq).toBe(message.version);

    const feed = await allChanges(roomId, owner, 0, 7);
    expect(feed.version).toBe(22);
    expect(feed.items.map((m) => m.version)).toEqual(versions);
    const history = await api<{ items: Message[] }>('GET', `/rooms/${roomId}/messages?limit=100`, {
      user: owner,
    });
    expect(history.body.items.map((m) => m.seq)).toEqual([...versions].reverse());
    expect([...history.body.items].reverse().map((m) => m.messageId)).toEqual(
      feed.items.map((m) => m.messageId),
    );
  }, 120_000); // 25 sends racing for one room's versions on a small machine: slower than one test's default

  it('gives a client that was offline every edit and delete since its version, once, in the latest state', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const reader = members[0]!;
    const kept = await sent(roomId, owner, 'first');
    const edited = await sent(roomId, owner, 'second');
    const removed = await sent(roomId, owner, 'third');
    const since = (await changes(roomId, reader)).body.version;

    // While the reader is away: two edits of one message, a delete, a new message.
    for (const text of ['second (edited)', 'second (edited twice)']) {
      const edit = await api('PATCH', `/rooms/${roomId}/messages/${edited.messageId}`, {
        user: owner,
        body: { text },
      });
      expect(edit.status).toBe(200);
    }
    expect(
      (await api('DELETE', `/rooms/${roomId}/messages/${removed.messageId}`, { user: owner })).status,
    ).toBe(204);
    const fresh = await sent(roomId, owner, 'fourth');

    const feed = await changes(roomId, reader, `?since=${since}`);

    expect(since).toBe(3);
    expect(feed.status).toBe(200);
    expect(feed.body.version).toBe(7);
    expect(feed.body.nextSince).toBeNull();
    expect(feed.body.items.map((m) => [m.messageId, m.version])).toEqual([
      [edited.messageId, 5],
      [removed.messageId, 6],
      [fresh.messageId, 7],
    ]);
    expect(feed.body.items[0]).toMatchObject({
      text: 'second (edited twice)',
      seq: 2,
      editedAt: expect.any(String),
    });
    expect(feed.body.items[1]).toMatchObject({ text: '', seq: 3, deletedAt: expect.any(String) });
    expect(feed.body.items.map((m) => m.messageId)).not.toContain(kept.messageId);
  });

  it('pages with limit and nextSince, and answers since = the room’s version with nothing', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    for (const text of ['a', 'b', 'c']) await sent(roomId, owner, text);

    const first = await changes(roomId, owner, '?since=0&limit=2');
    const second = await changes(roomId, owner, `?since=${first.body.nextSince}&limit=2`);
    const caughtUp = await changes(roomId, owner, '?since=3');
    const empty = await changes((await aRoomWithMembers(0)).roomId, owner);

    expect([first.body.items.map((m) => m.version), first.body.nextSince, first.body.version]).toEqual([
      [1, 2],
      2,
      3,
    ]);
    expect([second.body.items.map((m) => m.version), second.body.nextSince]).toEqual([[3], null]);
    expect(caughtUp.body).toEqual({ items: [], version: 3, nextSince: null });
    expect(empty.status).toBe(404);
  });

  it.each([
    ['since negative', '?since=-1', 'since'],
    ['since not an integer', '?since=1.5', 'since'],
    ['since not a number', '?since=abc', 'since'],
    ['since above the room’s version', '?since=2', 'since'],
    ['limit 0', '?limit=0', 'limit'],
    ['limit 201', '?limit=201', 'limit'],
    ['limit not a number', '?limit=ten', 'limit'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_case, query, field) => {
    const { roomId, owner } = await aRoomWithMembers(0);
    await sent(roomId, owner, 'one change: version 1');

    const response = await changes(roomId, owner, query);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([expect.objectContaining({ field })]);
  });

  it('answers 404 to a non-member, and to a member after leaving, as for a room that does not exist', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const leaver = members[0]!;
    const stranger = await signedInUser();
    await sent(roomId, owner, 'before leaving');
    expect((await changes(roomId, leaver)).body.items).toHaveLength(1);

    await leaveRoom(roomId, leaver);
    await sent(roomId, owner, 'after leaving');

    for (const user of [leaver, stranger]) {
      const response = await changes(roomId, user, '?since=0');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'The room was not found' } });
    }
    expect((await changes(`no-such-room-${randomUUID()}`, owner)).status).toBe(404);
  });
});
