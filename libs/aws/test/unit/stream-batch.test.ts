import type { DynamoDBRecord } from 'aws-lambda';
import { createLogger } from '@chat/runtime';
import { failuresFrom, processInOrder, unmarshallImage } from '../../src/index';

const silentLogger = createLogger({}, () => undefined);

const record = (n: number): DynamoDBRecord => ({
  eventID: `e${n}`,
  eventName: 'MODIFY',
  dynamodb: {
    SequenceNumber: String(100 + n),
    NewImage: { n: { N: String(n) } },
    OldImage: { n: { N: String(n - 1) } },
  },
});

describe('processInOrder', () => {
  it('handles every record in order with its new and old images', async () => {
    const seen: unknown[] = [];

    const response = await processInOrder(
      [record(1), record(2)],
      async (_, newImage, oldImage) => void seen.push([newImage?.n, oldImage?.n]),
      silentLogger,
    );

    expect(seen).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports the failed record and every later one, without handling those', async () => {
    const seen: number[] = [];

    const response = await processInOrder(
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

  it('logs the failed record with its sequence number and the error', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({}, (line) => lines.push(JSON.parse(line)));

    await processInOrder([record(1)], () => Promise.reject(new Error('throttled')), logger, {
      failureMessage: 'record not applied',
    });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'record not applied',
        eventID: 'e1',
        sequenceNumber: '101',
        reported: 1,
        error: expect.objectContaining({ message: 'throttled' }),
      }),
    ]);
  });
});

describe('failuresFrom', () => {
  it('reports the records from an index on, and none past the end', () => {
    const records = [record(1), record(2), record(3)];

    expect(failuresFrom(records, 1).batchItemFailures).toEqual([
      { itemIdentifier: '102' },
      { itemIdentifier: '103' },
    ]);
    expect(failuresFrom(records, 3).batchItemFailures).toEqual([]);
  });

  it('refuses a record without a sequence number', () => {
    expect(() => failuresFrom([{ eventID: 'e9', dynamodb: {} }], 0)).toThrow('e9');
  });
});

describe('unmarshallImage', () => {
  it('reads a stream image as a plain object, binary attributes as bytes', () => {
    const image = unmarshallImage({
      id: { S: 'x' },
      count: { N: '2' },
      tags: { L: [{ S: 'a' }] },
      blob: { B: Buffer.from('bytes').toString('base64') },
    });

    expect(image).toEqual({ id: 'x', count: 2, tags: ['a'], blob: new Uint8Array(Buffer.from('bytes')) });
    expect(unmarshallImage(undefined)).toBeUndefined();
  });
});
