import { transactWrite, withConflictRetry, type RetryOptions } from '../../../src/adapters/transactions';

function cancelled(...codes: string[]): Error {
  return Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

function scriptedClient(outcomes: Array<Error | 'ok'>) {
  const calls: unknown[] = [];
  return {
    calls,
    send: async (command: unknown) => {
      calls.push(command);
      const next = outcomes.shift() ?? 'ok';
      if (next instanceof Error) throw next;
      return {};
    },
  };
}

const options = (delays: number[]): RetryOptions => ({
  maxAttempts: 4,
  baseDelayMs: 10,
  maxDelayMs: 100,
  sleep: async (ms) => {
    delays.push(ms);
  },
  random: () => 0.5,
});

describe('transactWrite', () => {
  it('sends the transaction again after a conflict with another transaction, with growing backoff', async () => {
    const delays: number[] = [];
    const client = scriptedClient([
      cancelled('None', 'TransactionConflict'),
      cancelled('TransactionConflict'),
      'ok',
    ]);

    const result = await transactWrite(client as never, { TransactItems: [] }, options(delays));

    expect(result).toEqual({ ok: true });
    expect(client.calls).toHaveLength(3);
    expect(delays).toEqual([8, 15]);
  });

  it('answers a failed condition with the per-item reasons instead of retrying', async () => {
    const client = scriptedClient([cancelled('ConditionalCheckFailed', 'None')]);

    const result = await transactWrite(client as never, { TransactItems: [] }, options([]));

    expect(result).toEqual({ ok: false, reasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] });
    expect(client.calls).toHaveLength(1);
  });

  it('gives up after the last attempt and rethrows the conflict', async () => {
    const client = scriptedClient(Array.from({ length: 4 }, () => cancelled('TransactionConflict')));

    await expect(transactWrite(client as never, { TransactItems: [] }, options([]))).rejects.toMatchObject({
      name: 'TransactionCanceledException',
    });
    expect(client.calls).toHaveLength(4);
  });

  it('rethrows other errors at once', async () => {
    const client = scriptedClient([Object.assign(new Error('bad'), { name: 'ValidationException' })]);

    await expect(transactWrite(client as never, { TransactItems: [] }, options([]))).rejects.toThrow('bad');
    expect(client.calls).toHaveLength(1);
  });
});

describe('withConflictRetry', () => {
  it('repeats a single write that conflicted with a transaction in progress', async () => {
    let calls = 0;
    const write = async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('conflict'), { name: 'TransactionConflictException' });
      return 'written';
    };

    await expect(withConflictRetry(write, options([]))).resolves.toBe('written');
    expect(calls).toBe(2);
  });
});
