import { randomBytes } from 'node:crypto';
import type { LocalEndpoints } from '@chat/local';
import {
  eventually,
  httpClient,
  openSocket,
  signedInUser,
  type Frame,
  type HttpClient,
  type SignedInUser,
  type TestSocket,
} from '@chat/testing';
import { mapLimit } from '../support/concurrency';
import type { Closers } from '../support/bench-stack';

/** One thing a user does, measured from a quiet stack until the stack is quiet again. */
export interface Scenario {
  name: string;
  /** What it does, for the report. */
  description: string;
  /** Does it once and waits for what the users see of it (frames); `run` is the repetition (0, 1, …). */
  run(run: number): Promise<void>;
  /** Undoes what `run` left open (not measured). */
  after?(): Promise<void>;
}

/** The users of the scenarios: `members` in one room, each with one WebSocket, and one offline DM peer. */
interface World {
  http: HttpClient;
  members: SignedInUser[];
  sockets: TestSocket[];
  roomId: string;
  dmRoomId: string;
  /** A message of the room, for reactions. */
  messageId: string;
  socketUrl(user: SignedInUser): string;
}

const WAIT_MS = 60_000;

async function prepareWorld(
  endpoints: LocalEndpoints,
  memberCount: number,
  closers: Closers,
  log: (line: string) => void,
): Promise<World> {
  const http = httpClient(endpoints.http, { timeoutMs: 60_000 });
  const prefix = `c${randomBytes(3).toString('hex')}`;
  log(`cost: registering ${memberCount + 1} users …`);
  const [members, [peer]] = await Promise.all([
    mapLimit(Array.from({ length: memberCount }), 4, (_, i) =>
      signedInUser({ username: `${prefix}m${i}` }, http),
    ),
    mapLimit([0], 1, () => signedInUser({ username: `${prefix}peer` }, http)),
  ]);
  const [owner] = members;
  if (!owner || !peer) throw new Error('no users');
  const { roomId } = await http.expectStatus<{ roomId: string }>(201, 'POST', '/rooms', {
    user: owner,
    body: { name: 'cost bench', visibility: 'public' },
  });
  await mapLimit(members.slice(1), 4, (user) =>
    http.expectStatus(200, 'POST', `/rooms/${roomId}/members`, { user, body: {} }),
  );
  const { roomId: dmRoomId } = await http.expectStatus<{ roomId: string }>([200, 201], 'POST', '/dms', {
    user: owner,
    body: { userId: peer.userId },
  });
  const { messageId } = await http.expectStatus<{ messageId: string }>(
    201,
    'POST',
    `/rooms/${roomId}/messages`,
    {
      user: owner,
      body: { text: 'a message to react to' },
    },
  );
  const socketUrl = (user: SignedInUser) =>
    `${endpoints.webSocket}/?token=${encodeURIComponent(user.accessToken)}`;
  log(`cost: opening ${memberCount} WebSockets …`);
  const sockets = await mapLimit(members, 4, (user) => openSocket(socketUrl(user)));
  for (const socket of sockets) closers.add(() => socket.close());
  return { http, members, sockets, roomId, dmRoomId, messageId, socketUrl };
}

/** Waits until every socket of `sockets` has a frame of `type` matching `where`. */
async function everyoneGot(
  sockets: readonly TestSocket[],
  type: string,
  where: (frame: Frame) => boolean,
): Promise<void> {
  await eventually(() => sockets.every((s) => s.framesOf(type, where).length > 0), {
    timeoutMs: WAIT_MS,
    what: `a ${type} frame on every socket`,
  });
}

const withClientMessageId = (id: string) => (frame: Frame) =>
  (frame['message'] as { clientMessageId?: string } | undefined)?.clientMessageId === id;

function scenariosOf(world: World, memberCount: number): Scenario[] {
  const { http, members, sockets, roomId } = world;
  const owner = members[0] as SignedInUser;
  const mentioned = members[1] ?? owner;
  const ownerSocket = sockets[0] as TestSocket;
  const post = async (room: string, text: string) => {
    const clientMessageId = `cost-${randomBytes(6).toString('hex')}`;
    await http.expectStatus(201, 'POST', `/rooms/${room}/messages`, {
      user: owner,
      body: { text, clientMessageId },
    });
    return clientMessageId;
  };
  let extra: TestSocket | undefined;
  return [
    {
      name: 'message',
      description: `one message (REST) to a room of ${memberCount}, each member with one socket`,
      run: async () => everyoneGot(sockets, 'message.sent', withClientMessageId(await post(roomId, 'hello'))),
    },
    {
      name: 'mention',
      description: `one message mentioning one member (online) in the room of ${memberCount}`,
      run: async () => {
        const notifications = (sockets[1] ?? ownerSocket).framesOf('notification').length;
        const id = await post(roomId, `hello @${mentioned.username}`);
        await everyoneGot(sockets, 'message.sent', withClientMessageId(id));
        await eventually(() => (sockets[1] ?? ownerSocket).framesOf('notification').length > notifications, {
          timeoutMs: WAIT_MS,
          what: 'the mentioned member’s notification frame',
        });
      },
    },
    {
      name: 'dm',
      description: 'one direct message to a user who is offline (notified)',
      run: async () =>
        everyoneGot([ownerSocket], 'message.sent', withClientMessageId(await post(world.dmRoomId, 'psst'))),
    },
    {
      name: 'reaction',
      description: `one reaction added to a message of the room of ${memberCount}`,
      run: async (run) => {
        const reaction = `:cost${run}${randomBytes(2).toString('hex')}:`;
        await http.expectStatus(
          204,
          'PUT',
          `/rooms/${roomId}/messages/${world.messageId}/reactions/${encodeURIComponent(reaction)}`,
          { user: owner },
        );
        await everyoneGot(sockets, 'reaction.changed', (frame) =>
          JSON.stringify(frame['reactions'] ?? []).includes(reaction),
        );
      },
    },
    {
      name: 'typing',
      description: `one typing frame in the room of ${memberCount}`,
      run: async () => {
        const others = sockets.slice(1);
        const seen = others.map((s) => s.framesOf('typing').length);
        ownerSocket.send({ action: 'typing', roomId });
        await eventually(() => others.every((s, i) => s.framesOf('typing').length > (seen[i] ?? 0)), {
          timeoutMs: WAIT_MS,
          what: 'a typing frame on every other socket',
        });
      },
    },
    {
      name: 'connect',
      description: 'a member opens a second socket (not the first connect: presence does not change)',
      run: async () => {
        extra = await openSocket(world.socketUrl(mentioned));
      },
    },
    {
      name: 'disconnect',
      description: 'that second socket closes',
      run: async () => {
        if (!extra) extra = await openSocket(world.socketUrl(mentioned));
        await extra.close();
        extra = undefined;
      },
    },
  ];
}

/** The users, their room and sockets, and the scenarios on them. */
export async function prepareScenarios(
  endpoints: LocalEndpoints,
  memberCount: number,
  closers: Closers,
  log: (line: string) => void,
): Promise<Scenario[]> {
  const world = await prepareWorld(endpoints, memberCount, closers, log);
  return scenariosOf(world, memberCount);
}
