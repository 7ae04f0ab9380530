import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  joinRoom,
  refusedStatus,
  sendMessage,
  signedInUser,
  signedInUsers,
  stackSocketUrl,
  type Frame,
  type TestSocket,
} from '@chat/testing';
import { closeDynamo, dynamo, fannedOut, PRESENCE_TABLE } from '../support/stack';

// The connection cap (20 open WebSocket connections per user) and the typing interval (one typing frame forwarded
// per user and room every 2 s) of API.md "Safety", at their contract defaults, on the local stack.

const CAP = 20;

afterAll(async () => {
  await closeAllSockets();
  closeDynamo();
});

/** Connects `count` sockets at once: the ones accepted and the statuses of the refused ones. */
async function connectMany(token: string, count: number) {
  const outcomes = await Promise.allSettled(Array.from({ length: count }, () => connect(token)));
  const open = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const refused = outcomes.flatMap((o) =>
    o.status === 'rejected' ? [(o.reason as { status?: number }).status ?? -1] : [],
  );
  return { open, refused };
}

describe('the connection cap', () => {
  it('refuses the 21st handshake with 429, and accepts a new one once a socket has closed', async () => {
    const alice = await signedInUser();
    const sockets: TestSocket[] = [];
    for (let i = 0; i < CAP; i += 1) sockets.push(await connect(alice.accessToken));

    const refused = await refusedStatus(stackSocketUrl(alice.accessToken));
    await sockets[0]!.close();
    const replacement = await eventually(() => connect(alice.accessToken).catch(() => undefined), {
      what: 'a connection accepted after one closed',
    });
    const stillFull = await refusedStatus(stackSocketUrl(alice.accessToken));

    expect(refused).toBe(429);
    expect(replacement.socket.readyState).toBe(replacement.socket.OPEN);
    expect(stillFull).toBe(429);
  });

  it('lets exactly 20 of 25 concurrent handshakes through, the rest refused with 429', async () => {
    const bob = await signedInUser();

    const { open, refused } = await connectMany(bob.accessToken, 25);

    expect(open).toHaveLength(CAP);
    expect(refused).toEqual([429, 429, 429, 429, 429]);
    expect(open.every((client) => client.socket.readyState === client.socket.OPEN)).toBe(true);
  });

  it('does not count directory entries left without a connection record (a write that failed half-way)', async () => {
    const carol = await signedInUser();
    const { open } = await connectMany(carol.accessToken, CAP - 2);
    // Two entries whose connections are gone without a trace: nothing will ever remove them but the cap's check.
    await dynamo().send(
      new UpdateCommand({
        TableName: PRESENCE_TABLE,
        Key: { userId: carol.userId, sk: 'presence' },
        UpdateExpression: 'ADD connectionIds :ghosts',
        ExpressionAttributeValues: { ':ghosts': new Set(['ghost-connection-1', 'ghost-connection-2']) },
      }),
    );

    const more = await connectMany(carol.accessToken, 3);

    expect(open).toHaveLength(CAP - 2);
    expect(more.open).toHaveLength(2);
    expect(more.refused).toEqual([429]);
  });
});

describe('the typing interval', () => {
  it('forwards one typing frame of a burst, and another once 2 s have passed', async () => {
    const [alice, bob] = await signedInUsers(2);
    const { roomId } = await createRoom(alice!);
    await joinRoom(roomId, bob!);
    const [typist, listener] = await Promise.all([connect(alice!.accessToken), connect(bob!.accessToken)]);

    const burstSentAt = Date.now();
    for (let i = 0; i < 10; i += 1) typist.send({ action: 'typing', roomId });
    await listener.next('typing');
    // A message fanned out after the burst: every typing frame forwarded from it would be on the socket before.
    const marker = await sendMessage(roomId, alice!, 'marker');
    await fannedOut('MessageSent', (data) => data.messageId === marker.messageId);
    const isMarker = (f: Frame) => (f.message as { messageId?: string }).messageId === marker.messageId;
    await listener.next('message.sent', isMarker);
    const forwardedFromBurst = listener.framesOf('typing').length;
    // One frame per 2 s window: on a loaded machine the burst's ten invocations may run in more than one window
    // (at most one more per 2 s that passed until the marker arrived), but never all ten.
    const windows = 1 + Math.floor((Date.now() - burstSentAt) / 2000);
    const second = await eventually(
      () => {
        typist.send({ action: 'typing', roomId });
        return listener.framesOf('typing')[forwardedFromBurst];
      },
      { what: 'a typing frame forwarded after the interval', intervalMs: 250 },
    );

    expect(forwardedFromBurst).toBeGreaterThanOrEqual(1);
    expect(forwardedFromBurst).toBeLessThanOrEqual(Math.min(windows, 9));
    expect(second).toMatchObject({ type: 'typing', roomId, userId: alice!.userId });
    expect(typist.framesOf('error')).toEqual([]);
  });
});
