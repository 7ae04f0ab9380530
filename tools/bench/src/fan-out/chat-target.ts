import { performance } from 'node:perf_hooks';
import type { LocalEndpoints, UsageSnapshot } from '@chat/local';
import { busEvents, eventually, httpClient } from '@chat/testing';
import { mapLimit } from '../support/concurrency';
import { readUsage, usageBetween } from '../support/usage';
import { closeSockets, openSocket, socketUrl } from '../support/sockets';
import { benchUsers } from '../support/users';
import type { LoadTarget } from './load';
import type { DeliveryRecorder } from './recorder';

interface Frame {
  type?: string;
  clientMessageId?: string;
  message?: { clientMessageId?: string };
}

/** Whether every user's PresenceChanged was published and its deliveries (the fan-out) have finished. */
async function presenceSettled(eventBridge: string, userIds: ReadonlySet<string>): Promise<boolean> {
  const settled = async () => {
    const ours = (await busEvents<{ userId?: string }>('PresenceChanged', eventBridge)).filter((item) =>
      userIds.has(item.event.detail.data.userId ?? ''),
    );
    const online = new Set(ours.map((item) => item.event.detail.data.userId));
    return (
      online.size >= userIds.size &&
      ours.every((item) => item.deliveries.every((d) => d.status !== 'pending'))
    );
  };
  return eventually(settled, { timeoutMs: 180_000, intervalMs: 500 }).then(
    () => true,
    () => false,
  );
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
  const items = await busEvents<{ clientMessageId?: string; createdAt: string }>('MessageSent', eventBridge);
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

/**
 * Where the CPU went per message fanned out since `before` (the stack's own counters, `GET /_local/usage`): the
 * functions' sandbox threads (the five that took most, by name), the local cloud's main thread, the stack's whole
 * process, DynamoDB Local's JVM. Unlike the latencies these do not depend on how loaded the machine was.
 */
async function cpuBreakdown(
  httpUrl: string,
  before: UsageSnapshot,
  messages: number,
  deliveries: number,
): Promise<string[]> {
  const usage = usageBetween(before, await readUsage(httpUrl));
  const per = (ms: number) => (ms / Math.max(1, messages)).toFixed(1);
  const functions = Object.entries(usage.lambda)
    .map(([name, l]) => [name, l.cpuMs + l.initCpuMs] as const)
    .sort(([, a], [, b]) => b - a);
  const functionsMs = functions.reduce((sum, [, ms]) => sum + ms, 0);
  const top = functions
    .slice(0, 5)
    .map(([name, ms]) => `${name} ${per(ms)}`)
    .join(', ');
  const { processMs, mainThreadMs, dynamodbLocalMs } = usage.cpu;
  const perDelivery = ((processMs + dynamodbLocalMs) * 1000) / Math.max(1, deliveries);
  return [
    `chat CPU per message (ms, ${messages} messages): functions ${per(functionsMs)} (${top}), local cloud main thread ${per(mainThreadMs)}, ` +
      `stack process ${per(processMs)} (all threads), DynamoDB Local ${per(dynamodbLocalMs)}; ` +
      `stack + DynamoDB Local per delivery ${perDelivery.toFixed(0)} µs`,
  ];
}

export interface PreparedTarget {
  target: LoadTarget;
  /** Marks the start of the measured run, for what `diagnose` reports. */
  mark?(): Promise<void>;
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
  endpoints: LocalEndpoints,
  options: { users: number; socketsPerUser: number; via: 'rest' | 'ws' },
  log: (line: string) => void,
): Promise<PreparedTarget> {
  const http = httpClient(endpoints.http, { timeoutMs: 60_000 });
  const users = await benchUsers(http, options.users, (line) => log(`chat: ${line}`));
  const [owner] = users;
  if (!owner) throw new Error('no users');
  const { roomId } = await http.expectStatus<{ roomId: string }>(201, 'POST', '/rooms', {
    user: owner,
    body: { name: 'fan-out bench', visibility: 'public' },
  });
  log(`chat: ${options.users - 1} users joining room ${roomId} …`);
  await mapLimit(users.slice(1), 8, (user) =>
    http.expectStatus(200, 'POST', `/rooms/${roomId}/members`, { user, body: {} }),
  );

  let recorder: DeliveryRecorder | undefined;
  let presenceFrames = 0;
  let marked: { at: number; usage: UsageSnapshot } | undefined;
  /** Message frames received since the mark. */
  let deliveries = 0;
  const userOf = (socketIndex: number) => users[Math.floor(socketIndex / options.socketsPerUser)] ?? owner;
  /** Wall-clock times per message key: sent, first and last delivery. */
  const wall = new Map<string, { sent: number; first?: number; last?: number }>();
  const acks = new Map<string, (stored: boolean) => void>();
  const perUser = options.socketsPerUser;
  log(`chat: opening ${options.users * perUser} WebSockets …`);
  // Socket `index` is user floor(index / perUser)'s; each one is a receiver of its own.
  const opened = await mapLimit(Array.from({ length: users.length * perUser }), 10, (_, index) =>
    openSocket<Frame>(socketUrl(endpoints.webSocket, userOf(index).accessToken), (frame) => {
      if (frame.type === 'message.sent') {
        const key = frame.message?.clientMessageId;
        if (!key) return;
        recorder?.delivered(key, index, performance.now());
        if (marked) deliveries += 1;
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
  const sockets = opened.map(({ socket }) => socket);
  // Each user going online is fanned out to the other members: let that settle before measuring.
  const settled = await presenceSettled(endpoints.eventBridge, new Set(users.map((u) => u.userId)));
  log(
    `chat: ${presenceFrames} presence frames while connecting; ${settled ? 'settled' : 'not settled after 180 s'}`,
  );

  const sendRest = async (senderIndex: number, key: string) => {
    wall.set(key, { sent: Date.now() });
    const sender = users[senderIndex] ?? owner;
    const { status } = await http.request('POST', `/rooms/${roomId}/messages`, {
      user: sender,
      body: { text: `bench ${key}`, clientMessageId: key },
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
      sockets[senderIndex * perUser]?.send(
        JSON.stringify({ action: 'sendMessage', roomId, text: `bench ${key}`, clientMessageId: key }),
      );
    });

  return {
    target: { name: 'chat', send: options.via === 'rest' ? sendRest : sendWs },
    record(next) {
      recorder = next;
    },
    async mark() {
      marked = { at: Date.now(), usage: await readUsage(endpoints.http) };
    },
    async diagnose() {
      const pipeline = await pipelineBreakdown(endpoints.eventBridge, wall);
      if (!marked) return pipeline;
      const since = marked.at;
      const measured = [...wall.values()].filter((times) => times.sent >= since);
      const messages = measured.filter((times) => times.first !== undefined).length;
      return [...pipeline, ...(await cpuBreakdown(endpoints.http, marked.usage, messages, deliveries))];
    },
    close: () => closeSockets(sockets),
  };
}
