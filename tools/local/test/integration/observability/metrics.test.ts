import {
  api,
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  type Frame,
  joinRoom,
  sendMessage,
  signedInUsers,
} from '@chat/testing';

afterAll(closeAllSockets);

interface Summary {
  samples: number;
  sum: number;
  p50: number;
  p95: number;
  p99: number;
  byService: Record<string, number>;
}
interface MetricsBody {
  since: string;
  namespaces: string[];
  metrics: Record<string, Summary>;
}

async function readMetrics(): Promise<MetricsBody> {
  const response = await api('GET', '/_local/metrics');
  expect(response.status).toBe(200);
  return response.body as MetricsBody;
}

const sumOf = (body: MetricsBody, name: string, service: string) =>
  body.metrics[name]?.byService[service] ?? 0;
const samplesOf = (body: MetricsBody, name: string) => body.metrics[name]?.samples ?? 0;

describe('GET /_local/metrics: the functions’ EMF metrics on the local stack', () => {
  it('counts N messages stored and their frames delivered to K sockets, with fan-out sizes, durations and event ages', async () => {
    const N = 4;
    const [owner, member] = await signedInUsers(2);
    const { roomId } = await createRoom(owner!);
    await joinRoom(roomId, member!);
    const sockets = await Promise.all([
      connect(owner!.accessToken),
      connect(owner!.accessToken),
      connect(member!.accessToken),
    ]);
    const K = sockets.length;
    const before = await readMetrics();

    const sent = [];
    for (let i = 0; i < N; i += 1) sent.push(await sendMessage(roomId, owner!, `metered ${i}`));
    const ids = new Set(sent.map((message) => message.messageId));
    const ours = (frame: Frame) =>
      ids.has((frame.message as { messageId?: string } | undefined)?.messageId ?? '');
    await Promise.all(
      sockets.map((socket) =>
        eventually(() => socket!.frames.filter(ours).length === N, { what: `${N} message.sent frames` }),
      ),
    );

    const after = await eventually(async () => {
      const body = await readMetrics();
      expect(
        sumOf(body, 'MessagesStored', 'chat-messaging') - sumOf(before, 'MessagesStored', 'chat-messaging'),
      ).toBeGreaterThanOrEqual(N);
      expect(
        sumOf(body, 'FramesDelivered', 'chat-realtime') - sumOf(before, 'FramesDelivered', 'chat-realtime'),
      ).toBeGreaterThanOrEqual(N * K);
      expect(samplesOf(body, 'FanOutSize') - samplesOf(before, 'FanOutSize')).toBeGreaterThanOrEqual(N);
      return body;
    });

    expect(after.namespaces).toContain('Chat/local');
    expect(after.since).toBe(before.since);
    expect(after.metrics.FanOutSize?.byService['chat-realtime']).toBeGreaterThanOrEqual(N * K);
    expect(after.metrics.FanOutDuration).toMatchObject({
      samples: expect.any(Number),
      p99: expect.any(Number),
    });
    expect(after.metrics.FanOutDuration!.p50).toBeLessThanOrEqual(after.metrics.FanOutDuration!.p99);
    expect(samplesOf(after, 'EventAge') - samplesOf(before, 'EventAge')).toBeGreaterThanOrEqual(N);
  }, 120_000); // the first test of a fresh stack waits for the cold starts of the whole send → fan-out chain

  it('counts a repeated clientMessageId once', async () => {
    const [owner] = await signedInUsers(1);
    const { roomId } = await createRoom(owner!);
    const before = await readMetrics();
    const body = { text: 'once', clientMessageId: `once-${roomId}` };

    const first = await api('POST', `/rooms/${roomId}/messages`, { user: owner, body });
    const again = await api('POST', `/rooms/${roomId}/messages`, { user: owner, body });

    expect([first.status, again.status]).toEqual([201, 200]);
    const stored = (body: MetricsBody) =>
      sumOf(body, 'MessagesStored', 'chat-messaging') - sumOf(before, 'MessagesStored', 'chat-messaging');
    // The EMF line reaches the stack a moment after the answer (the function's stdout is read asynchronously).
    const after = await eventually(async () => {
      const body = await readMetrics();
      return stored(body) >= 1 ? body : undefined;
    });
    expect(stored(after)).toBe(1);
  });
});
