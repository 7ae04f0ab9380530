import { randomUUID } from 'node:crypto';
import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  connect,
  createRoom,
  type ApiResponse,
  type ErrorBody,
  TEST_STACK_SETTINGS,
  type SignedInUser,
} from '@chat/testing';
import type { Message } from '../../src/domain/message';
import { send, sent } from '../support/stack-api';

// The per-user limits of API.md "Safety" on the real local stack: message sends (REST and WebSocket together)
// 30 per window (10 s by default; the test stack's window is TEST_STACK_SETTINGS', 60 s, so that a burst on a
// loaded machine stays in one window), reactions 60 per 10 s and attachment uploads 30 per minute at their defaults.
const SEND_WINDOW_SECONDS = Number(TEST_STACK_SETTINGS.CHAT_SEND_RATE_WINDOW_SECONDS);

interface Frame {
  type: string;
  clientMessageId?: string;
  message?: Message;
  error?: { code: string; message: string; retryAfter?: number };
}

interface HistoryBody {
  items: Message[];
}

afterAll(() => closeAllSockets());

/** Runs `count` requests, `concurrency` at a time, in order of index. */
async function burst<T>(
  count: number,
  concurrency: number,
  request: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, k) => request(start + k));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

const retryAfterOf = (response: ApiResponse<unknown>) => Number(response.headers.get('retry-after'));

/**
 * A flood spread over several rooms of the sender (the limit is per user, whatever the room): the accepted sends
 * then hardly compete for one room's version counter, so the burst is as fast as the stack can answer.
 */
async function roomsOf(owner: SignedInUser, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, async () => (await createRoom(owner)).roomId));
}

async function history(roomId: string, user: SignedInUser): Promise<Message[]> {
  const page = await api<HistoryBody>('GET', `/rooms/${roomId}/messages?limit=100`, { user });
  expect(page.status).toBe(200);
  return page.body.items;
}

describe('message send limit (30 per window)', () => {
  it('stores the first 30 of a burst of 100, refuses the rest with 429 and Retry-After, stores nothing twice, and leaves another user alone', async () => {
    const { roomId, owner: flooder, members } = await aRoomWithMembers(1);
    const other = members[0]!;
    const rooms = [roomId, ...(await roomsOf(flooder, 4))];
    const ids = Array.from({ length: 100 }, () => randomUUID());

    const started = Date.now();
    const [responses, others] = await Promise.all([
      burst(100, 10, (i) =>
        send(rooms[i % rooms.length]!, flooder, { text: `flood ${i}`, clientMessageId: ids[i] }),
      ),
      burst(5, 1, (i) => send(roomId, other, { text: `calm ${i}` })),
    ]);
    const elapsedMs = Date.now() - started;

    const stored = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 429);
    expect(elapsedMs).toBeLessThan(SEND_WINDOW_SECONDS * 1000); // the whole burst fell in one window
    expect(stored).toHaveLength(30);
    expect(refused).toHaveLength(70);
    for (const response of refused) {
      expect(response.body.error.code).toBe('RATE_LIMITED');
      expect(retryAfterOf(response)).toBeGreaterThanOrEqual(1);
      expect(retryAfterOf(response)).toBeLessThanOrEqual(SEND_WINDOW_SECONDS);
    }
    expect(others.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const histories = await Promise.all(rooms.map((id) => history(id, flooder)));
    const kept = histories.flat().filter((m) => m.senderId === flooder.userId);
    expect(kept).toHaveLength(30);
    expect(new Set(kept.map((m) => m.clientMessageId)).size).toBe(30);
    expect(kept.map((m) => m.messageId).sort()).toEqual(stored.map((r) => r.body.messageId).sort());
  }, 180_000);

  it('answers a retried send that was stored with the stored message (200) even while the sender is limited', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const first = await send(roomId, owner, { text: 'kept', clientMessageId: 'retry-me' });
    await burst(29, 10, (i) => send(roomId, owner, { text: `more ${i}` }));
    const limited = await send(roomId, owner, { text: 'one too many' });

    const retry = await send(roomId, owner, { text: 'kept', clientMessageId: 'retry-me' });

    expect(first.status).toBe(201);
    expect(limited.status).toBe(429);
    expect(retry.status).toBe(200);
    expect(retry.body.messageId).toBe(first.body.messageId);
  });

  it('counts WebSocket and REST sends together: past the limit an error frame RATE_LIMITED with retryAfter, the socket open', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const rooms = [roomId, ...(await roomsOf(owner, 3))];
    const socket = await connect<Frame>(owner.accessToken);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => sent(rooms[i % rooms.length]!, owner, `rest ${i}`)),
    );
    const ids = Array.from({ length: 15 }, (_, i) => `ws-${i}`);

    ids.forEach((clientMessageId, i) => {
      const target = rooms[i % rooms.length]!;
      socket.send({ action: 'sendMessage', roomId: target, text: clientMessageId, clientMessageId });
    });
    const answers = await Promise.all(
      ids.map((id) =>
        socket.first((f) => f.clientMessageId === id && f.type !== 'message.sent', `answer ${id}`),
      ),
    );
    socket.send({ action: 'ping' });
    await socket.next('pong');

    const acks = answers.filter((f) => f.type === 'ack');
    const errors = answers.filter((f) => f.type === 'error');
    expect(acks).toHaveLength(10);
    expect(errors).toHaveLength(5);
    for (const frame of errors) {
      expect(frame.error?.code).toBe('RATE_LIMITED');
      expect(frame.error?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(frame.error?.retryAfter).toBeLessThanOrEqual(SEND_WINDOW_SECONDS);
    }
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
  });
});

describe('reaction limit (60 per 10 s)', () => {
  it('refuses the 61st reaction request of a user with 429 and Retry-After, not another user’s', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const message = await sent(roomId, owner, 'react to me');
    const path = `/rooms/${roomId}/messages/${message.messageId}/reactions/${encodeURIComponent(':+1:')}`;

    const statuses = await burst(61, 10, () => api<ErrorBody | undefined>('PUT', path, { user: owner }));
    const other = await api('PUT', path, { user: members[0]! });

    expect(statuses.slice(0, 60).every((r) => r.status === 204)).toBe(true);
    expect(statuses[60]?.status).toBe(429);
    expect(statuses[60]?.body?.error.code).toBe('RATE_LIMITED');
    expect(retryAfterOf(statuses[60]!)).toBeGreaterThanOrEqual(1);
    expect(other.status).toBe(204);
  });
});

describe('attachment upload limit (30 per minute)', () => {
  it('refuses the 31st upload announcement of a user with 429 and a Retry-After of at most 60 s', async () => {
    const { roomId, owner } = await aRoomWithMembers(0);
    const announce = () =>
      api<ErrorBody>('POST', `/rooms/${roomId}/attachments`, {
        user: owner,
        body: { fileName: 'a.txt', contentType: 'text/plain', size: 10 },
      });

    const responses = await burst(31, 10, announce);

    expect(responses.slice(0, 30).every((r) => r.status === 201)).toBe(true);
    expect(responses[30]?.status).toBe(429);
    expect(retryAfterOf(responses[30]!)).toBeGreaterThanOrEqual(1);
    expect(retryAfterOf(responses[30]!)).toBeLessThanOrEqual(60);
  });
});
