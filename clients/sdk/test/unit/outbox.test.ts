import { ChatApiError, type Message } from '@chat/client';
import { Outbox, type Draft } from '../../src/outbox';

type Sent = Draft & { clientMessageId: string };

const stored = (sent: Sent): Message => ({
  roomId: 'r1',
  messageId: `m-${sent.clientMessageId}`,
  senderId: 'u1',
  text: sent.text,
  mentions: [],
  attachments: [],
  clientMessageId: sent.clientMessageId,
  createdAt: '2025-01-15T10:00:00.000Z',
});

/** A store that fails with the given errors first, then stores. */
function flakyStore(failures: unknown[]) {
  const calls: Sent[] = [];
  const store = async (sent: Sent) => {
    calls.push(sent);
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    return stored(sent);
  };
  return { calls, store };
}

const noWait = { baseMs: 0, maxMs: 0 };

describe('Outbox', () => {
  it('retries a failed send with the same clientMessageId until it is stored', async () => {
    const { calls, store } = flakyStore([
      new TypeError('fetch failed'),
      new ChatApiError(503, 'INTERNAL', 'down'),
    ]);
    const outbox = new Outbox({ store, backoff: noWait });

    const message = await outbox.add({ text: 'hi' }, 'c-1');

    expect(calls.map((c) => c.clientMessageId)).toEqual(['c-1', 'c-1', 'c-1']);
    expect(message.clientMessageId).toBe('c-1');
    expect(outbox.pending).toEqual([]);
  });

  it('stores sends one at a time, in the order they were made', async () => {
    const { calls, store } = flakyStore([new TypeError('fetch failed')]);
    const outbox = new Outbox({ store, backoff: noWait });

    const results = await Promise.all(['a', 'b', 'c'].map((text, i) => outbox.add({ text }, `c-${i}`)));

    expect(calls.map((c) => c.text)).toEqual(['a', 'a', 'b', 'c']);
    expect(results.map((m) => m.text)).toEqual(['a', 'b', 'c']);
  });

  it('rejects a send the server refuses, and goes on with the next one', async () => {
    const refused = new ChatApiError(400, 'VALIDATION_FAILED', 'bad');
    const { store } = flakyStore([refused]);
    const outbox = new Outbox({ store, backoff: noWait });

    const first = outbox.add({ text: '' }, 'c-1');
    const second = outbox.add({ text: 'ok' }, 'c-2');

    await expect(first).rejects.toBe(refused);
    await expect(second).resolves.toMatchObject({ text: 'ok' });
  });

  it('keeps a pending entry with the local echo while it waits, then drops it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const outbox = new Outbox({
      store: async (sent) => {
        await gate;
        return stored(sent);
      },
    });

    const sending = outbox.add(
      { text: 'hello', threadId: 't1' },
      'c-1',
      new Date('2025-01-15T10:00:00.000Z'),
    );
    const during = outbox.pending;
    release();
    await sending;

    expect(during).toEqual([
      expect.objectContaining({
        clientMessageId: 'c-1',
        text: 'hello',
        threadId: 't1',
        createdAt: '2025-01-15T10:00:00.000Z',
        status: 'sending',
      }),
    ]);
    expect(outbox.pending).toEqual([]);
  });

  it('honours Retry-After: retryNow does not cut a 429 wait short', async () => {
    const { calls, store } = flakyStore([new ChatApiError(429, 'RATE_LIMITED', 'slow down', [], 3600)]);
    const outbox = new Outbox({ store, backoff: noWait });

    void outbox.add({ text: 'hi' }, 'c-1').catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    outbox.retryNow();
    await new Promise((resolve) => setImmediate(resolve));
    const pending = outbox.pending;
    outbox.abandon(new Error('test over'));

    expect(calls).toHaveLength(1);
    expect(pending).toEqual([expect.objectContaining({ status: 'waiting', attempts: 1 })]);
  });

  it('cuts a backoff wait short on retryNow (the connection is back)', async () => {
    const { calls, store } = flakyStore([new TypeError('fetch failed')]);
    const outbox = new Outbox({ store, backoff: { baseMs: 3_600_000, maxMs: 3_600_000 } });

    const sending = outbox.add({ text: 'hi' }, 'c-1');
    while (outbox.pending[0]?.status !== 'waiting') await new Promise((resolve) => setImmediate(resolve));
    outbox.retryNow();

    await expect(sending).resolves.toMatchObject({ text: 'hi' });
    expect(calls).toHaveLength(2);
  });
});
