import { randomBytes } from 'node:crypto';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  GetEndpointAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  api,
  as,
  busEvents,
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  handledBy,
  joinRoom,
  localStack,
  loginUser,
  onStack,
  sendMessage,
  signedInUsers,
  stackDocumentClient,
  TEST_PASSWORD,
  type SignedInUser,
} from '@chat/testing';

// Closing an account (docs/decisions/007-account-closing.md), end to end on the local stack: what the API shows,
// and where it cannot show it (the profile, the pool user, tables, the bucket, SNS), the stores read directly.

const table = (service: string, name: string) => `chat-${service}-local-${name}`;
const ERASURE_CONSUMERS = [
  'auth.eraseAccount',
  'rooms.eraseMemberships',
  'messaging.eraseUserContent',
  'notifications.eraseRecipient',
  'realtime.eraseConnections',
];

let dynamo: DynamoDBDocumentClient;
let sns: SNSClient;
let cognito: CognitoIdentityProviderClient;

beforeAll(() => {
  dynamo = stackDocumentClient();
  sns = new SNSClient(onStack('sns'));
  cognito = new CognitoIdentityProviderClient(onStack('cognito'));
});

afterAll(async () => {
  await closeAllSockets();
  dynamo.destroy();
  sns.destroy();
  cognito.destroy();
});

interface MessageBody {
  messageId: string;
  senderId: string;
  text: string;
  attachments: unknown[];
  reactions: Array<{ reaction: string; userIds: string[] }>;
  deletedAt?: string;
}

const getItem = async (tableName: string, key: Record<string, unknown>) =>
  (await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

const queryCount = async (tableName: string, key: string, value: string, indexName?: string) =>
  (
    await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        ...(indexName ? { IndexName: indexName } : {}),
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': key },
        ExpressionAttributeValues: { ':v': value },
        Select: 'COUNT',
      }),
    )
  ).Count ?? 0;

/** An SNS call's error name, or 'ok'. */
const snsOutcome = (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (error: Error) => error.name,
  );

async function uploadedAttachment(roomId: string, user: SignedInUser) {
  const bytes = randomBytes(1024);
  const ticket = await as(user).post<{
    attachmentId: string;
    uploadUrl: string;
    uploadHeaders: Record<string, string>;
  }>(`/rooms/${roomId}/attachments`, { fileName: 'photo.png', contentType: 'image/png', size: bytes.length });
  const put = await fetch(ticket.body.uploadUrl, {
    method: 'PUT',
    headers: ticket.body.uploadHeaders,
    body: bytes,
  });
  await put.arrayBuffer();
  expect(put.status).toBe(200);
  return ticket.body.attachmentId;
}

/**
 * A user who holds something everywhere: owner of a room bob is in, messages (one with an attachment), a reaction
 * and a read marker on bob's message, a mention in the inbox, preferences, a push device, an open socket.
 */
async function aUserWithEverything() {
  const [carol, bob] = (await signedInUsers(2)) as [SignedInUser, SignedInUser];
  await Promise.all(
    [carol, bob].map((u) =>
      handledBy(
        'rooms.rememberRegisteredUser',
        'UserRegistered',
        (d: { userId: string }) => d.userId === u.userId,
      ),
    ),
  );
  await handledBy(
    'notifications.rememberUser',
    'UserRegistered',
    (d: { userId: string }) => d.userId === carol.userId,
  );
  const { roomId } = await createRoom(carol);
  await joinRoom(roomId, bob);
  await as(carol).patch(`/rooms/${roomId}/members/${bob.userId}`, { role: 'admin' });

  const attachmentId = await uploadedAttachment(roomId, carol);
  const withFile = await as(carol).post<MessageBody>(`/rooms/${roomId}/messages`, {
    text: 'my holiday photo',
    attachmentIds: [attachmentId],
  });
  const plain = await sendMessage<MessageBody>(roomId, carol, 'hello from carol');
  const bobs = await sendMessage<MessageBody>(roomId, bob, `hi @${carol.username}`);
  expect(
    (
      await as(carol).put(
        `/rooms/${roomId}/messages/${bobs.messageId}/reactions/${encodeURIComponent(':wave:')}`,
      )
    ).status,
  ).toBe(204);
  expect((await as(carol).put(`/rooms/${roomId}/read`, { messageId: bobs.messageId })).status).toBe(204);
  expect(
    (await as(carol).put('/notifications/preferences', { email: false, push: true, mutedRoomIds: [] }))
      .status,
  ).toBe(200);
  expect(
    (await as(carol).post('/notifications/devices', { platform: 'fcm', token: `fcm-${carol.userId}` }))
      .status,
  ).toBe(201);
  const download = await as(bob).get<{ downloadUrl: string }>(`/rooms/${roomId}/attachments/${attachmentId}`);
  const socket = await connect(carol.accessToken);

  await eventually(
    async () => {
      const inbox = await as(carol).get<{ items: unknown[] }>('/notifications');
      return inbox.body.items.length === 1 || undefined;
    },
    { what: "carol's mention in her inbox" },
  );
  await eventually(
    async () => (await queryCount(table('realtime', 'presence'), 'userId', carol.userId)) > 0 || undefined,
    {
      what: "carol's presence",
    },
  );
  const [device] =
    (
      await dynamo.send(
        new QueryCommand({
          TableName: table('notifications', 'devices'),
          IndexName: 'byUser',
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': carol.userId },
        }),
      )
    ).Items ?? [];
  const topicArn = await eventually(
    async () =>
      (await getItem(table('notifications', 'users'), { userId: carol.userId }))?.topicArn as
        string | undefined,
    { what: "carol's SNS topic" },
  );
  return {
    carol,
    bob,
    roomId,
    socket,
    attachmentId,
    downloadUrl: download.body.downloadUrl,
    messages: { withFile: withFile.body, plain, bobs },
    endpointArn: String(device?.endpointArn),
    topicArn,
  };
}

describe('DELETE /users/me', () => {
  it('refuses a wrong or missing password (401, 400) and erases nothing', async () => {
    const [dave] = (await signedInUsers(1)) as [SignedInUser];

    const wrong = await api('DELETE', '/users/me', { user: dave, body: { password: 'not-my-password-1' } });
    const missing = await api('DELETE', '/users/me', { user: dave, body: {} });
    const me = await as(dave).get('/users/me');
    const login = await loginUser(dave);

    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(400);
    expect(me.status).toBe(200);
    expect(login.accessToken).toEqual(expect.any(String));
    expect(
      (await busEvents('UserDeleted')).filter((e) => e.event.detail.data.userId === dave.userId),
    ).toEqual([]);
  });

  it('closes at once (tokens refused, socket closed, login refused), then every service erases the user within 60 s', async () => {
    const world = await aUserWithEverything();
    const { carol, bob, roomId, messages } = world;

    // At once.
    const closed = await api('DELETE', '/users/me', { user: carol, body: { password: TEST_PASSWORD } });
    expect(closed.status).toBe(202);
    await eventually(async () => ((await as(carol).get('/users/me')).status === 401 ? true : undefined), {
      timeoutMs: 2000,
      what: "carol's token refused",
    });
    await expect(world.socket.closed).resolves.toEqual(expect.objectContaining({ code: expect.any(Number) }));
    const login = await api('POST', '/auth/login', {
      body: { username: carol.username, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(401);
    // Closing again: 401 once the token is refused everywhere. A sandbox whose one-second revocation cache still
    // trusts the token answers 202 and changes nothing (docs/api-decisions.md), so this may take a moment.
    await eventually(
      async () =>
        (await api('DELETE', '/users/me', { user: carol, body: { password: TEST_PASSWORD } })).status === 401,
      { what: 'closing twice refused', timeoutMs: 10_000 },
    );

    // Within 60 s, every consumer of UserDeleted has run, none failed.
    const started = Date.now();
    for (const consumer of ERASURE_CONSUMERS) {
      await handledBy(consumer, 'UserDeleted', (d: { userId: string }) => d.userId === carol.userId, {
        timeoutMs: 60_000,
      });
    }
    const erasureMs = Date.now() - started;
    expect(erasureMs).toBeLessThan(60_000);
    expect(
      (await busEvents('UserDeleted')).filter((e) => e.event.detail.data.userId === carol.userId),
    ).toHaveLength(1);

    // auth: the profile and the pool user are gone; the username stays reserved.
    expect(await getItem(table('auth', 'users'), { userId: carol.userId })).toBeUndefined();
    await expect(
      cognito.send(
        new AdminGetUserCommand({ UserPoolId: localStack().userPoolId, Username: carol.username }),
      ),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
    const again = await api('POST', '/auth/register', {
      body: { username: carol.username, email: `again-${carol.email}`, password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);

    // rooms: the membership is gone and bob, the admin, owns the room.
    const room = await as(bob).get<{ ownerId: string; memberCount: number }>(`/rooms/${roomId}`);
    const members = await as(bob).get<{ items: Array<{ userId: string; role: string }> }>(
      `/rooms/${roomId}/members`,
    );
    expect(room.body).toMatchObject({ ownerId: bob.userId, memberCount: 1 });
    expect(members.body.items.map((m) => [m.userId, m.role])).toEqual([[bob.userId, 'owner']]);

    // messaging: tombstones with senderId kept, attachment record and object gone, reaction and read marker gone.
    const history = await as(bob).get<{ items: MessageBody[] }>(`/rooms/${roomId}/messages`);
    const byId = new Map(history.body.items.map((m) => [m.messageId, m]));
    for (const own of [messages.withFile, messages.plain]) {
      expect(byId.get(own.messageId)).toMatchObject({
        senderId: carol.userId,
        text: '',
        attachments: [],
        deletedAt: expect.any(String),
      });
    }
    expect(byId.get(messages.bobs.messageId)?.reactions).toEqual([]);
    expect((await as(bob).get(`/rooms/${roomId}/attachments/${world.attachmentId}`)).status).toBe(404);
    const object = await fetch(world.downloadUrl);
    await object.arrayBuffer();
    expect(object.status).toBe(404);
    expect(await queryCount(table('messaging', 'read-markers'), 'userId', carol.userId)).toBe(0);
    expect(await queryCount(table('messaging', 'reactions'), 'userId', carol.userId, 'byUser')).toBe(0);

    // notifications: inbox, preferences, devices and their endpoint, the topic and its subscriptions.
    expect(await queryCount(table('notifications', 'inbox'), 'userId', carol.userId)).toBe(0);
    expect(await getItem(table('notifications', 'preferences'), { userId: carol.userId })).toBeUndefined();
    expect(await getItem(table('notifications', 'users'), { userId: carol.userId })).toBeUndefined();
    expect(await queryCount(table('notifications', 'devices'), 'userId', carol.userId, 'byUser')).toBe(0);
    expect(
      await snsOutcome(sns.send(new GetEndpointAttributesCommand({ EndpointArn: world.endpointArn }))),
    ).toBe('NotFoundException');
    expect(await snsOutcome(sns.send(new GetTopicAttributesCommand({ TopicArn: world.topicArn })))).toBe(
      'NotFoundException',
    );
    expect(
      await snsOutcome(sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: world.topicArn }))),
    ).toBe('NotFoundException');

    // realtime: presence and connections (bob shares no room with carol any more: her presence is not his to see).
    const presence = await as(bob).get<{ items: unknown[] }>(`/presence?userIds=${carol.userId}`);
    expect(presence.body.items).toEqual([]);
    expect(await queryCount(table('realtime', 'presence'), 'userId', carol.userId)).toBe(0);
    expect(await queryCount(table('realtime', 'connections'), 'userId', carol.userId, 'byUserId')).toBe(0);
  }, 240_000);
});
