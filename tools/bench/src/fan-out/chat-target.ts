import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { mapLimit } from '../support/concurrency';
import type { StackEndpoints } from '../support/local-stack';
import type { LoadTarget } from './load';
import type { DeliveryRecorder } from './recorder';

interface BenchUser {
  userId: string;
  accessToken: string;
}

interface Frame {
  type?: string;
  clientMessageId?: string;
  message?: { clientMessageId?: string };
}

const PASSWORD = 'Correct-Horse-9';

async function call<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

async function expectOk<T>(request: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await request;
  if (status < 200 || status > 299) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

async function registerUser(http: string, prefix: string, index: number): Promise<BenchUser> {
  const username = `${prefix}${index}`;
  const { userId } = await expectOk(
    call<{ userId: string }>(http, 'POST', '/auth/register', undefined, {
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
    }),
    'register',
  );
  const { accessToken } = await expectOk(
    call<{ accessToken: string }>(http, 'POST', '/auth/login', undefined, { username, password: PASSWORD }),
    'login',
  );
  return { userId, accessToken };
}

function openSocket(url: string, onFrame: (frame: Frame) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data) => onFrame(JSON.parse(data.toString()) as Frame));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`handshake refused: ${res.statusCode}`)),
    );
    socket.once('open', () => resolve(socket));
  });
}

interface PublishedEvent {
  event: { detail: { data: { userId?: string } } };
  deliveries: { status: string }[];
}

/** Whether every user's PresenceChanged was published and its deliveries (the fan-out) have finished. */
async function presenceSettled(eventBridge: string, userIds: ReadonlySet<string>): Promise<boolean> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${eventBridge}/_local/events?detailType=PresenceChanged`, {
      signal: AbortSignal.timeout(10_000),
    });
    const { items } = (await response.json()) as { items: PublishedEvent[] };
    const ours = items.filter((item) => userIds.has(item.event.detail.data.userId ?? ''));
    const online = new Set(ours.map((item) => item.event.detail.data.userId));
    if (
      online.size >= userIds.size &&
      ours.every((item) => item.deliveries.every((d) => d.status !== 'pending'))
    ) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.floor(sorted.length / 2)] ?? Number.NaN);
};

/**
 * Medians of the stages of a message, from the local EventBridge's log: send → stored (the message's createdAt),
 * stored → MessageSent accepted by the bus (messaging's stream outbox), bus → first and last socket (realtime's
 * fan-out). Wall clocks of one machine.
 */
async function pipelineBreakdown(
  eventBridge: string,
  wall: Map<string, { sent: number; first?: number; last?: number }>,
): Promise<string[]> {
  const response = await fetch(`${eventBridge}/_local/events?detailType=MessageSent`, {
    signal: AbortSignal.timeout(30_000),
  });
  const { items } = (await response.json()) as {
    items: {
      receivedAt: string;
      event: { detail: { data: { clientMessageId?: string; createdAt: string } } };
    }[];
  };
  const stored: number[] = [];
  const published: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  for (const item of items) {
    const { clientMessageId, createdAt } = item.event.detail.data;
    const times = clientMessageId ? wall.get(clientMessageId) : undefined;
    if (!times || times.first === undefined || times.last === undefined) continue;
    const created = Date.parse(createdAt);
    const received = Date.parse(item.receivedAt);
    stored.push(created - times.sent);
    published.push(received - created);
    first.push(times.first - received);
    last.push(times.last - received);
  }
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  return [
    `chat pipeline, medians over ${stored.length} messages: send→stored ${ms(stored)}, stored→on the bus ${ms(published)}` +
      ` (messaging's stream outbox), bus→first socket ${ms(first)}, bus→last socket ${ms(last)} (realtime's fan-out)`,
  ];
}

export interface PreparedTarget {
  target: LoadTarget;
  /** Where the time went, for the runs recorded so far (lines to print), when the target can tell. */
  diagnose?(): Promise<string[]>;
  /** Routes deliveries to this recorder from now on. */
  record(recorder: DeliveryRecorder): void;
  close(): Promise<void>;
}

/**
 * The chat backend on the local stack: `users` registered users (REST), one room they all join, one WebSocket
 * each; a `message.sent` frame counts as a delivery of its `clientMessageId`. Sends go through REST
 * (POST /rooms/{id}/messages, 201 = stored) or the WebSocket `sendMessage` action (ack = stored).
 */
export async function prepareChat(
  endpoints: StackEndpoints,
  options: { users: number; via: 'rest' | 'ws' },
  log: (line: string) => void,
): Promise<PreparedTarget> {
  const prefix = `b${randomBytes(3).toString('hex')}u`;
  log(`chat: registering ${options.users} users …`);
  const users = await mapLimit(Array.from({ length: options.users }), 8, (_, i) =>
    registerUser(endpoints.http, prefix, i),
  );
  const [owner] = users;
  if (!owner) throw new Error('no users');
  const { roomId } = await expectOk(
    call<{ roomId: string }>(endpoints.http, 'POST', '/rooms', owner.accessToken, {
      name: 'fan-out bench',
      visibility: 'public',
    }),
    'create room',
  );
  log(`chat: ${options.users - 1} users joining room ${roomId} …`);
  await mapLimit(users.slice(1), 8, (user) =>
    expectOk(call(endpoints.http, 'POST', `/rooms/${roomId}/members`, user.accessToken, {}), 'join'),
  );

  let recorder: DeliveryRecorder | undefined;
  let presenceFrames = 0;
  /** Wall-clock times per message key: sent, first and last delivery. */
  const wall = new Map<string, { sent: number; first?: number; last?: number }>();
  const acks = new Map<string, (stored: boolean) => void>();
  log(`chat: opening ${options.users} WebSockets …`);
  const sockets = await mapLimit(users, 10, (user, index) =>
    openSocket(`${endpoints.webSocket}/?token=${encodeURIComponent(user.accessToken)}`, (frame) => {
      if (frame.type === 'message.sent') {
        const key = frame.message?.clientMessageId;
        if (!key) return;
        recorder?.delivered(key, index, performance.now());
        const times = wall.get(key);
        if (times) {
          const now = Date.now();
          times.first ??= now;
          times.last = now;
        }
      } else if (frame.type === 'presence.changed') {
        presenceFrames += 1;
      } else if ((frame.type === 'ack' || frame.type === 'error') && frame.clientMessageId) {
        acks.get(frame.clientMessageId)?.(frame.type === 'ack');
      }
    }),
  );
  // Each user going online is fanned out to the other members: let that settle before measuring.
  const settled = await presenceSettled(endpoints.eventBridge, new Set(users.map((u) => u.userId)));
  log(
    `chat: ${presenceFrames} presence frames while connecting; ${settled ? 'settled' : 'not settled after 180 s'}`,
  );

  const sendRest = async (senderIndex: number, key: string) => {
    wall.set(key, { sent: Date.now() });
    const sender = users[senderIndex] ?? owner;
    const { status } = await call(endpoints.http, 'POST', `/rooms/${roomId}/messages`, sender.accessToken, {
      text: `bench ${key}`,
      clientMessageId: key,
    });
    return status === 201;
  };
  const sendWs = (senderIndex: number, key: string) =>
    new Promise<boolean>((resolve) => {
      wall.set(key, { sent: Date.now() });
      const timer = setTimeout(() => {
        acks.delete(key);
        resolve(false);
      }, 60_000);
      acks.set(key, (stored) => {
        clearTimeout(timer);
        acks.delete(key);
        resolve(stored);
      });
      sockets[senderIndex]?.send(
        JSON.stringify({ action: 'sendMessage', roomId, text: `bench ${key}`, clientMessageId: key }),
      );
    });

  return {
    target: { name: 'chat', send: options.via === 'rest' ? sendRest : sendWs },
    record(next) {
      recorder = next;
    },
    diagnose: () => pipelineBreakdown(endpoints.eventBridge, wall),
    async close() {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.once('close', () => resolve());
              socket.close();
              setTimeout(() => {
                socket.terminate();
                resolve();
              }, 5000).unref();
            }),
        ),
      );
    },
  };
}
