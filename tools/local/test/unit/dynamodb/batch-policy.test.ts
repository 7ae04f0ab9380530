import {
  decideAfterInvoke,
  readBatchItemFailures,
  retryDelayMs,
  type BatchPolicy,
  type PendingBatch,
} from '../../../src/dynamodb/batch-policy';

interface Item {
  seq: string;
}

const seqOf = (item: Item): string => item.seq;
const items = (...seqs: string[]): Item[] => seqs.map((seq) => ({ seq }));

function aPolicy(overrides: Partial<BatchPolicy> = {}): BatchPolicy {
  return {
    maximumRetryAttempts: 2,
    bisectBatchOnFunctionError: false,
    reportBatchItemFailures: false,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 1_000,
    ...overrides,
  };
}

function aBatch(seqs: string[], attempt = 0): PendingBatch<Item> {
  return { records: items(...seqs), attempt };
}

const failure = { ok: false as const, error: new Error('boom') };
const success = (response?: unknown) => ({ ok: true as const, response });

describe('decideAfterInvoke', () => {
  it('checkpoints the last record of a successful batch', () => {
    const decision = decideAfterInvoke(aBatch(['1', '2', '3']), success(), aPolicy(), seqOf);

    expect(decision).toEqual({ checkpoint: '3', discarded: [], next: [], delayMs: 0 });
  });

  it('ignores batchItemFailures when the mapping does not report them', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '2' }] };

    const decision = decideAfterInvoke(aBatch(['1', '2', '3']), success(response), aPolicy(), seqOf);

    expect(decision.checkpoint).toBe('3');
    expect(decision.next).toEqual([]);
  });

  it('retries the same batch after an error, with a growing delay, without checkpointing', () => {
    const first = decideAfterInvoke(aBatch(['1', '2']), failure, aPolicy(), seqOf);
    const second = decideAfterInvoke(aBatch(['1', '2'], 1), failure, aPolicy(), seqOf);

    expect(first).toEqual({
      discarded: [],
      next: [{ records: items('1', '2'), attempt: 1 }],
      delayMs: 100,
      failure: 'Error: boom',
    });
    expect(second.next).toEqual([{ records: items('1', '2'), attempt: 2 }]);
    expect(second.delayMs).toBe(200);
    expect(second.checkpoint).toBeUndefined();
  });

  it('discards the batch and checkpoints past it once the retries are used up', () => {
    const decision = decideAfterInvoke(aBatch(['1', '2'], 2), failure, aPolicy(), seqOf);

    expect(decision).toEqual({
      checkpoint: '2',
      discarded: items('1', '2'),
      next: [],
      delayMs: 0,
      failure: 'Error: boom',
    });
  });

  it('discards at once when maximumRetryAttempts is 0', () => {
    const decision = decideAfterInvoke(aBatch(['1']), failure, aPolicy({ maximumRetryAttempts: 0 }), seqOf);

    expect(decision.discarded).toEqual(items('1'));
  });

  it('retries forever when maximumRetryAttempts is -1', () => {
    const decision = decideAfterInvoke(
      aBatch(['1'], 10_000),
      failure,
      aPolicy({ maximumRetryAttempts: -1 }),
      seqOf,
    );

    expect(decision.next).toEqual([{ records: items('1'), attempt: 10_001 }]);
    expect(decision.delayMs).toBe(1_000);
  });

  it('checkpoints before the lowest reported failure and retries from it', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '4' }, { itemIdentifier: '3' }] };

    const decision = decideAfterInvoke(
      aBatch(['1', '2', '3', '4', '5']),
      success(response),
      aPolicy({ reportBatchItemFailures: true }),
      seqOf,
    );

    expect(decision).toEqual({
      checkpoint: '2',
      discarded: [],
      next: [{ records: items('3', '4', '5'), attempt: 1 }],
      delayMs: 100,
      failure: 'batchItemFailures from sequence number 3',
    });
  });

  it('retries the whole batch without a checkpoint when the first record failed', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '1' }] };

    const decision = decideAfterInvoke(
      aBatch(['1', '2']),
      success(response),
      aPolicy({ reportBatchItemFailures: true }),
      seqOf,
    );

    expect(decision.checkpoint).toBeUndefined();
    expect(decision.next).toEqual([{ records: items('1', '2'), attempt: 1 }]);
  });

  it('discards the failed rest of a partially failed batch once the retries are used up', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '2' }] };

    const decision = decideAfterInvoke(
      aBatch(['1', '2', '3'], 2),
      success(response),
      aPolicy({ reportBatchItemFailures: true }),
      seqOf,
    );

    expect(decision.checkpoint).toBe('3');
    expect(decision.discarded).toEqual(items('2', '3'));
  });

  it('treats an invalid itemIdentifier as a failure of the whole batch', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '' }] };

    const decision = decideAfterInvoke(
      aBatch(['1', '2']),
      success(response),
      aPolicy({ reportBatchItemFailures: true }),
      seqOf,
    );

    expect(decision.checkpoint).toBeUndefined();
    expect(decision.next).toEqual([{ records: items('1', '2'), attempt: 1 }]);
    expect(decision.failure).toContain('invalid itemIdentifier');
  });

  it('splits a failed batch in two halves without using a retry when bisecting', () => {
    const decision = decideAfterInvoke(
      aBatch(['1', '2', '3', '4', '5'], 1),
      failure,
      aPolicy({ bisectBatchOnFunctionError: true }),
      seqOf,
    );

    expect(decision).toEqual({
      discarded: [],
      next: [
        { records: items('1', '2', '3'), attempt: 1 },
        { records: items('4', '5'), attempt: 1 },
      ],
      delayMs: 0,
      failure: 'Error: boom',
    });
  });

  it('retries a single failing record as usual when bisecting', () => {
    const decision = decideAfterInvoke(
      aBatch(['3']),
      failure,
      aPolicy({ bisectBatchOnFunctionError: true }),
      seqOf,
    );

    expect(decision.next).toEqual([{ records: items('3'), attempt: 1 }]);
  });
});

describe('readBatchItemFailures', () => {
  const seqs = ['10', '11', '12'];

  it.each([undefined, null, 'ok', {}, { batchItemFailures: null }, { batchItemFailures: [] }])(
    'reads %p as a complete success',
    (response) => {
      expect(readBatchItemFailures(response, seqs)).toEqual({ kind: 'success' });
    },
  );

  it.each([
    [{ batchItemFailures: 'x' }, 'not an array'],
    [{ batchItemFailures: [{ itemIdentifier: null }] }, 'invalid itemIdentifier'],
    [{ batchItemFailures: [{ itemId: '11' }] }, 'invalid itemIdentifier'],
    [{ batchItemFailures: [{ itemIdentifier: '99' }] }, 'not in the batch'],
  ])('reads %p as a failure of the whole batch', (response, reason) => {
    const result = readBatchItemFailures(response, seqs);

    expect(result).toEqual({ kind: 'invalid', reason: expect.stringContaining(reason) });
  });

  it('points at the lowest failed record', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '12' }, { itemIdentifier: '11' }] };

    expect(readBatchItemFailures(response, seqs)).toEqual({ kind: 'partial', firstFailedIndex: 1 });
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay and stops at the maximum', () => {
    const policy = { retryBaseDelayMs: 100, retryMaxDelayMs: 1_000 };

    expect([1, 2, 3, 4, 5, 60].map((attempt) => retryDelayMs(attempt, policy))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
});
