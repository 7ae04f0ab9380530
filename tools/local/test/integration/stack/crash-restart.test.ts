import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  eventually,
  freeStackPorts,
  httpClient,
  openSocket,
  signedInUser,
  spawnStack,
  type SpawnedStack,
  type TestSocket,
} from '@chat/testing';

jest.setTimeout(600_000);

const MESSAGES = 30;

/** Kills the stack's whole process group at once, as a crash would (no stop step runs). */
function crash(stack: SpawnedStack): Promise<number | null> {
  process.kill(-stack.child.pid!, 'SIGKILL');
  return stack.exited();
}

describe('the local stack killed mid-traffic (SIGKILL) and started again on the same data', () => {
  let dir: string;
  let running: SpawnedStack | undefined;
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chat-crash-'));
  });

  afterAll(async () => {
    await socket?.close().catch(() => undefined);
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGTERM');
      await running.exited().catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every acknowledged message’s event once, and closes the connections that died with it', async () => {
    const ports = await freeStackPorts();
    const env = { CHAT_DATA_DIR: path.join(dir, 'data') };
    running = spawnStack(env, ports, { detached: true });
    await running.ready();
    const api = httpClient(`http://127.0.0.1:${ports.CHAT_HTTP_PORT}`);
    const [alice, bob] = [await signedInUser({}, api), await signedInUser({}, api)];
    const { roomId } = await api.expectStatus<{ roomId: string }>(201, 'POST', '/rooms', {
      user: alice,
      body: { name: 'crash', visibility: 'public' },
    });
    await api.expectStatus(200, 'POST', `/rooms/${roomId}/members`, { user: bob, body: {} });
    socket = await openSocket(`ws://127.0.0.1:${ports.CHAT_WS_PORT}?token=${bob.accessToken}`);
    const online = () =>
      api.expectStatus<{ items: { status: string }[] }>(200, 'GET', `/presence?userIds=${bob.userId}`, {
        user: alice,
      });
    await eventually(async () => (await online()).items[0]?.status === 'online', { what: 'bob online' });

    // Each message mentions bob: its MessageSent reaches notifications (stream → outbox → EventBridge), one
    // notification each. The kill comes while those deliveries are under way.
    const sent: { messageId: string }[] = [];
    for (let batch = 0; batch < MESSAGES / 5; batch += 1) {
      sent.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            api.expectStatus<{ messageId: string }>(201, 'POST', `/rooms/${roomId}/messages`, {
              user: alice,
              body: { text: `@${bob.username} number ${batch * 5 + i}` },
            }),
          ),
        )),
      );
    }
    // DynamoDB Local makes an acknowledged transaction durable within 10-30 ms (tools/local/README.md).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await crash(running);
    await socket.closed;
    socket = undefined;

    const restarted = spawnStack(env, ports, { detached: true });
    running = restarted;
    await restarted.ready();
    const notifications = async () =>
      (
        await api.expectStatus<{ items: { messageId: string; kind: string }[] }>(
          200,
          'GET',
          '/notifications?limit=100',
          { user: bob },
        )
      ).items;
    await eventually(async () => (await notifications()).length >= MESSAGES, {
      what: `${MESSAGES} notifications for bob`,
      timeoutMs: 120_000,
    }).catch((error: Error) => {
      // This stack's own log is not where CI looks: say what it reported, to tell a slow delivery from a lost one.
      const reported = restarted
        .output()
        .split('\n')
        .filter((line) => /failed|FAILED|timed out|"level":"(warn|error)"/.test(line))
        .slice(-60)
        .map((line) => line.slice(0, 400));
      throw new Error(`${error.message}\nthe restarted stack reported:\n${reported.join('\n')}`);
    });
    await eventually(async () => (await online()).items[0]?.status === 'offline', {
      what: 'bob offline: his connection died with the old process',
      timeoutMs: 60_000,
    });
    const history = await api.expectStatus<{ items: { messageId: string }[] }>(
      200,
      'GET',
      `/rooms/${roomId}/messages?limit=100`,
      { user: alice },
    );
    const received = await notifications();
    // A record the outbox had published but not yet checkpointed is published again after the restart with the
    // same event id: that copy meets the killed attempt's idempotency lock and is refused "in progress" (the
    // journal delivers the original one function timeout later). Any other failure for good is a loss.
    const failedForGood = running
      .output()
      .split('\n')
      .filter(
        (line) => line.includes('delivery FAILED') && !line.includes('is being handled by another delivery'),
      );

    expect(history.items.map((m) => m.messageId).sort()).toEqual(sent.map((m) => m.messageId).sort());
    expect(received.map((n) => n.messageId).sort()).toEqual(sent.map((m) => m.messageId).sort());
    expect(received.every((n) => n.kind === 'mention')).toBe(true);
    expect(failedForGood).toEqual([]);
  });
});
