import { readFileSync } from 'node:fs';
import {
  eventually,
  httpClient,
  openSocket,
  signedInUser,
  startStack,
  type ErrorBody,
  type RunningStack,
  type TestSocket,
} from '@chat/testing';
import { descendants } from '../../support/process-tree';

/** The pid of the stack's DynamoDB Local JVM (a descendant of the stack process running the launcher). */
function dynamoDbLocalPid(stack: RunningStack): number | undefined {
  return descendants(stack.pid).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('LoopbackLauncher');
    } catch {
      return false;
    }
  });
}

const logOf = (stack: RunningStack) => readFileSync(stack.logFile, 'utf8');

describe('the local stack when DynamoDB Local dies', () => {
  let stack: RunningStack;
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    stack = await startStack({ name: 'chat-emulator-outage' });
  }, 180_000);

  afterAll(async () => {
    await socket?.close();
    await stack?.stop();
  });

  it('says so, answers 503 UNAVAILABLE meanwhile (health too), restarts it and loses nothing acknowledged', async () => {
    const api = httpClient(stack.endpoints.http);
    const alice = await signedInUser({}, api);
    const { roomId } = await api.expectStatus<{ roomId: string }>(201, 'POST', '/rooms', {
      user: alice,
      body: { name: 'outage', visibility: 'public' },
    });
    const before = await api.expectStatus<{ messageId: string }>(201, 'POST', `/rooms/${roomId}/messages`, {
      user: alice,
      body: { text: 'acknowledged before the outage' },
    });
    const jvm = dynamoDbLocalPid(stack);
    expect(jvm).toBeDefined();
    // DynamoDB Local acknowledges a TransactWriteItems 10-30 ms before the write is on disk (AWS does not; see
    // tools/local/README.md): a kill inside that window would lose it, so the kill comes later.
    await new Promise((resolve) => setTimeout(resolve, 500));

    process.kill(jvm!, 'SIGKILL');
    const during = await api.request<ErrorBody>('POST', `/rooms/${roomId}/messages`, {
      user: alice,
      body: { text: 'sent while it is down' },
    });
    const health = await api.request<ErrorBody>('GET', '/health/messaging');

    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('UNAVAILABLE');
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(health.status).toBe(503);

    await eventually(() => /DynamoDB Local is back/.test(logOf(stack)), {
      what: 'DynamoDB Local restarted',
      timeoutMs: 90_000,
    });
    await eventually(async () => (await api.request('GET', '/health/messaging')).status === 200, {
      what: 'health 200 again',
    });
    socket = await openSocket(`${stack.endpoints.webSocket}?token=${alice.accessToken}`);
    const after = await api.expectStatus<{ messageId: string }>(201, 'POST', `/rooms/${roomId}/messages`, {
      user: alice,
      body: { text: 'after the restart' },
    });
    const frame = await socket.next(
      'message.sent',
      (f) => (f.message as { messageId?: string }).messageId === after.messageId,
    );
    const history = await api.expectStatus<{ items: { messageId: string }[] }>(
      200,
      'GET',
      `/rooms/${roomId}/messages`,
      { user: alice },
    );

    const log = logOf(stack);
    expect(log).toMatch(/DynamoDB Local exited unexpectedly \(signal SIGKILL\)/);
    expect(log.match(/cannot read shard/g)?.length ?? 0).toBeLessThanOrEqual(20);
    expect(frame.type).toBe('message.sent');
    expect(history.items.map((m) => m.messageId)).toEqual(
      expect.arrayContaining([before.messageId, after.messageId]),
    );
  });
});
