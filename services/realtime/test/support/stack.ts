import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { api, type ApiResponse } from '../../../../tools/local/test/support/api';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import WebSocket from 'ws';
import { localStack } from '../../../../tools/local/test/support/local-stack';
import { signedInUser, type SignedInUser } from '../../../../tools/local/test/support/users';

/** Helpers for integration tests against the running local stack (started by the jest global setup). */

/** realtime's and rooms' tables on the local stage. */
export const CONNECTIONS_TABLE = 'chat-realtime-local-connections';
export const PRESENCE_TABLE = 'chat-realtime-local-presence';

export interface Frame {
  type: string;
  eventId?: string;
  [key: string]: unknown;
}

/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` (generous: the stack's
 * functions start cold, and a loaded machine slows every hop: stream poll, EventBridge, fan-out).
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export { api, type ApiResponse } from '../../../../tools/local/test/support/api';

async function expectStatus<T>(response: Promise<ApiResponse<T>>, status: number, what: string): Promise<T> {
  const { status: actual, body } = await response;
  if (actual !== status) throw new Error(`${what} answered ${actual}: ${JSON.stringify(body)}`);
  return body;
}

/** A new public room owned by `owner`; returns its id. */
export async function createRoom(
  owner: SignedInUser,
  visibility: 'public' | 'private' = 'public',
): Promise<string> {
  const room = await expectStatus(
    api<{ roomId: string }>('POST', '/rooms', {
      user: owner,
      body: { name: `realtime-${Date.now()}`, visibility },
    }),
    201,
    'POST /rooms',
  );
  return room.roomId;
}

export const join = (roomId: string, user: SignedInUser) =>
  expectStatus(api('POST', `/rooms/${roomId}/members`, { user, body: {} }), 200, 'join');

/** `user` leaves, or (`by` given) is kicked by `by`. */
export const leave = (roomId: string, user: SignedInUser, by: SignedInUser = user) =>
  expectStatus(api('DELETE', `/rooms/${roomId}/members/${user.userId}`, { user: by }), 204, 'leave');

export const sendMessage = (roomId: string, user: SignedInUser, text: string) =>
  expectStatus(
    api<{ messageId: string; roomId: string; text: string }>('POST', `/rooms/${roomId}/messages`, {
      user,
      body: { text },
    }),
    201,
    'send',
  );

export const logOut = (user: SignedInUser) =>
  expectStatus(api('POST', '/auth/logout', { user }), 204, 'logout');

/** New signed-in users, made concurrently. */
export const users = (count: number): Promise<SignedInUser[]> =>
  Promise.all(Array.from({ length: count }, () => signedInUser()));

export interface Client {
  socket: WebSocket;
  frames: Frame[];
  /** The frames received so far of one type (and matching `where`). */
  framesOf(type: string, where?: (frame: Frame) => boolean): Frame[];
  /** Waits for a frame of `type` matching `where`. */
  next(type: string, where?: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  send(frame: unknown): void;
  closed: Promise<{ code: number }>;
  close(): Promise<void>;
}

const openClients = new Set<Client>();

/** Closes every client the tests opened (call in afterAll). */
export async function closeAllClients(): Promise<void> {
  await Promise.all([...openClients].map((client) => client.close()));
}

/** Opens a WebSocket with `?token=`; rejects with the status when the handshake is refused. */
export function connect(token: string | undefined): Promise<Client> {
  return new Promise((resolve, reject) => {
    const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(`${localStack().webSocket}/${query}`);
    const frames: Frame[] = [];
    const closed = new Promise<{ code: number }>((done) => socket.once('close', (code) => done({ code })));
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
    socket.once('unexpected-response', (_request, response) => {
      reject(
        Object.assign(new Error(`handshake refused: ${response.statusCode}`), {
          status: response.statusCode,
        }),
      );
      response.resume();
      socket.terminate();
    });
    socket.once('error', reject);
    socket.once('open', () => {
      const framesOf = (type: string, where: (frame: Frame) => boolean = () => true) =>
        frames.filter((frame) => frame.type === type && where(frame));
      const client: Client = {
        socket,
        frames,
        framesOf,
        next: (type, where, timeoutMs) =>
          eventually(`a ${type} frame`, () => framesOf(type, where)[0], timeoutMs),
        send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        closed,
        close: async () => {
          openClients.delete(client);
          if (socket.readyState !== WebSocket.CLOSED) socket.close();
          await closed;
        },
      };
      openClients.add(client);
      resolve(client);
    });
  });
}

/** The status with which the handshake was refused (fails if it was accepted). */
export async function refusedStatus(token: string | undefined): Promise<number> {
  try {
    const client = await connect(token);
    await client.close();
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
  throw new Error('the handshake was accepted');
}

let documentClient: DynamoDBDocumentClient | undefined;

/** A DynamoDB client on the stack's DynamoDB Local, for looking at (and staging) table items. */
export function dynamo(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const stack = localStack();
  documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamodb,
      region: stack.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return documentClient;
}

export function closeDynamo(): void {
  documentClient?.destroy();
  documentClient = undefined;
}

export interface BusEvent {
  event: {
    'detail-type': string;
    source: string;
    detail: { metadata: { eventId: string; correlationId: string }; data: Record<string, unknown> };
  };
  deliveries: { target: string; status: 'pending' | 'succeeded' | 'failed' }[];
}

/** The events of a detail-type the local EventBridge accepted so far (oldest first). */
export async function busEvents(detailType: string): Promise<BusEvent[]> {
  const response = await fetch(
    `${localStack().eventBridge}/_local/events?detailType=${encodeURIComponent(detailType)}`,
    { signal: AbortSignal.timeout(10_000) },
  );
  return ((await response.json()) as { items: BusEvent[] }).items;
}

/** The statuses PresenceChanged published for a user, in order. */
export async function presenceTransitions(userId: string): Promise<string[]> {
  return (await busEvents('PresenceChanged'))
    .filter((e) => e.event.detail.data.userId === userId)
    .map((e) => String(e.event.detail.data.status));
}

/**
 * Waits until realtime's fan-out of the `detailType` event matching `where` has finished (its delivery to the
 * function succeeded): every frame it posted is then on its socket, so a frame posted later to the same socket
 * arrives after it.
 */
export function fannedOut(
  detailType: string,
  where: (data: Record<string, unknown>) => boolean,
  target = 'realtime.fanOutRoomEvent',
): Promise<BusEvent> {
  return eventually(`realtime's fan-out of ${detailType}`, async () =>
    (await busEvents(detailType)).find(
      (e) =>
        where(e.event.detail.data) &&
        e.deliveries.some((d) => d.target === target && d.status === 'succeeded'),
    ),
  );
}
