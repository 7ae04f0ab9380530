import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  joinRoom,
  signedInUser,
  signedInUsers,
} from '@chat/testing';
import {
  closeDynamo,
  CONNECTIONS_TABLE,
  dynamo,
  fannedOut,
  PRESENCE_TABLE,
  presenceTransitions,
} from '../support/stack';

afterAll(async () => {
  await closeAllSockets();
  closeDynamo();
});

interface PresenceItem {
  userId: string;
  status: 'online' | 'offline';
  lastSeenAt: string | null;
}

async function presenceOf(asker: { accessToken: string; userId: string }, ...userIds: string[]) {
  const response = await api<{ items: PresenceItem[] }>('GET', `/presence?userIds=${userIds.join(',')}`, {
    user: asker as never,
  });
  expect(response.status).toBe(200);
  return response.body.items;
}

/** The presence table's per-connection markers of a user (`state` open/closed). */
async function connectionMarkers(userId: string): Promise<{ sk: string; state: string }[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: PRESENCE_TABLE,
      KeyConditionExpression: 'userId = :u AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':u': userId, ':c': 'connection#' },
      ConsistentRead: true,
    }),
  );
  return Items as { sk: string; state: string }[];
}

/** Waits until PresenceChanged has published exactly `expected` for the user (and then checks nothing follows). */
const transitionsReach = (userId: string, expected: string[]) =>
  eventually(
    async () => {
      const seen = await presenceTransitions(userId);
      return seen.length >= expected.length ? seen : undefined;
    },
    { what: `PresenceChanged ${expected.join(', ')} for ${userId}` },
  );

describe('presence on the local stack', () => {
  it('stays online while one of two devices is connected, and goes offline once when both are gone', async () => {
    const [alice, watcher] = await signedInUsers(2);
    const { roomId } = await createRoom(watcher!);
    await joinRoom(roomId, alice!);
    const watching = await connect(watcher!.accessToken);

    const phone = await connect(alice!.accessToken);
    const laptop = await connect(alice!.accessToken);
    expect(await transitionsReach(alice!.userId, ['online'])).toEqual(['online']);
    const online = await watching.next('presence.changed', (f) => f.userId === alice!.userId);
    await phone.close();
    await eventually(
      async () =>
        (await connectionMarkers(alice!.userId)).filter((m) => m.state === 'closed').length === 1
          ? true
          : undefined,
      { what: 'the phone’s close to be counted' },
    );
    const beforeSecondClose = await presenceTransitions(alice!.userId);
    await laptop.close();
    const transitions = await transitionsReach(alice!.userId, ['online', 'offline']);
    const offline = await watching.next(
      'presence.changed',
      (f) => f.userId === alice!.userId && f.status === 'offline',
    );
    await fannedOut(
      'PresenceChanged',
      (d) => d.userId === alice!.userId && d.status === 'offline',
      'realtime.fanOutPresence',
    );

    expect(beforeSecondClose).toEqual(['online']);
    expect(transitions).toEqual(['online', 'offline']);
    expect(online).toEqual({
      type: 'presence.changed',
      userId: alice!.userId,
      status: 'online',
      lastSeenAt: expect.any(String),
      eventId: expect.any(String),
    });
    expect(offline.eventId).not.toBe(online.eventId);
    expect(watching.framesOf('presence.changed', (f) => f.userId === alice!.userId)).toHaveLength(2);
    const [state] = await presenceOf(watcher!, alice!.userId);
    expect(state).toEqual({ userId: alice!.userId, status: 'offline', lastSeenAt: offline.lastSeenAt });
  });

  it('answers GET /presence for the caller and room mates only: strangers and unknown ids are left out', async () => {
    const [asker, mate, stranger] = await signedInUsers(3);
    const { roomId } = await createRoom(asker!);
    await joinRoom(roomId, mate!);
    const strangerSocket = await connect(stranger!.accessToken);
    await eventually(async () => (await presenceOf(stranger!, stranger!.userId))[0]?.status === 'online', {
      what: 'the stranger online',
    });

    const items = await presenceOf(asker!, 'no-such-user', stranger!.userId, mate!.userId, asker!.userId);
    const byStranger = await presenceOf(stranger!, asker!.userId, mate!.userId);
    await strangerSocket.close();

    expect(items).toEqual([
      { userId: mate!.userId, status: 'offline', lastSeenAt: null },
      { userId: asker!.userId, status: 'offline', lastSeenAt: null },
    ]);
    expect(byStranger).toEqual([]);
  });

  it('validates the ids of GET /presence and requires a token', async () => {
    const asker = await signedInUser();

    const empty = await api('GET', '/presence?userIds=', { user: asker });
    const tooMany = await api(
      'GET',
      `/presence?userIds=${Array.from({ length: 101 }, (_, i) => `u${i}`).join(',')}`,
      { user: asker },
    );
    const anonymous = await api('GET', '/presence?userIds=a');

    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(tooMany).toMatchObject({
      status: 400,
      body: { error: { details: [{ field: 'userIds', message: 'At most 100 user ids' }] } },
    });
    expect(anonymous.status).toBe(401);
  });

  it('removes a stale connection record (its client vanished) when its TTL passes, and the user goes offline', async () => {
    const ghost = await signedInUser();
    const connectionId = `vanished-${ghost.userId}`;
    const now = Date.now();
    await dynamo().send(
      new PutCommand({
        TableName: CONNECTIONS_TABLE,
        Item: {
          connectionId,
          userId: ghost.userId,
          username: ghost.username,
          connectedAt: new Date(now - 60_000).toISOString(),
          lastActiveAt: new Date(now - 30_000).toISOString(),
          expiresAt: Math.floor(now / 1000) + 2,
        },
      }),
    );

    expect(await transitionsReach(ghost.userId, ['online'])).toEqual(['online']);
    const transitions = await transitionsReach(ghost.userId, ['online', 'offline']);
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: CONNECTIONS_TABLE, Key: { connectionId } }),
    );
    const [state] = await presenceOf(ghost, ghost.userId);

    expect(transitions).toEqual(['online', 'offline']);
    expect(Item).toBeUndefined();
    expect(state).toEqual({
      userId: ghost.userId,
      status: 'offline',
      lastSeenAt: new Date(now - 30_000).toISOString(),
    });
  });
});
