import type { DynamoDBRecord } from 'aws-lambda';
import { handleInOrder } from '../../../src/adapters/stream-batch';
import { silentLogger } from '../../support/fakes';

const record = (n: number): DynamoDBRecord => ({
  eventID: `e${n}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(100 + n), NewImage: { n: { N: String(n) } } },
});

describe('handleInOrder', () => {
  it('handles every record in order with its new image', async () => {
    const seen: unknown[] = [];

    const response = await handleInOrder(
      [record(1), record(2)],
      async (_, image) => void seen.push(image?.n),
      silentLogger,
    );

    expect(seen).toEqual([1, 2]);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports the failed record and every later one, without handling those', async () => {
    const seen: number[] = [];

    const response = await handleInOrder(
      [record(1), record(2), record(3)],
      async (_, image) => {
        if (image?.n === 2) throw new Error('boom');
        seen.push(Number(image?.n));
      },
      silentLogger,
    );

    expect(seen).toEqual([1]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '102' }, { itemIdentifier: '103' }] });
  });
});
