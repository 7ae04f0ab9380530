import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import {
  startStreamMapping,
  type StreamMapping,
  type StreamMappingOptions,
} from '../../../src/dynamodb/streams';
import { FakeStream } from './fake-streams-client';

const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/x';

function recorder(respond: (event: DynamoDBStreamEvent) => unknown = () => undefined) {
  const batches: string[][] = [];
  const invoke = async (_name: string, event: unknown): Promise<unknown> => {
    const streamEvent = event as DynamoDBStreamEvent;
    batches.push(streamEvent.Records.map((record) => record.dynamodb?.Keys?.pk?.S ?? '?'));
    return respond(streamEvent);
  };
  return { batches, invoke };
}

const running: StreamMapping[] = [];

async function start(
  stream: FakeStream,
  options: Partial<StreamMappingOptions> & Pick<StreamMappingOptions, 'invoke'>,
) {
  const mapping = await startStreamMapping({
    streamsClient: stream.client(),
    streamArn: STREAM_ARN,
    functionName: 'svc.fn',
    startingPosition: 'TRIM_HORIZON',
    pollIntervalMs: 1,
    retryBaseDelayMs: 1,
    onError: () => undefined,
    ...options,
  });
  running.push(mapping);
  return mapping;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((mapping) => mapping.stop()));
});

describe('startStreamMapping', () => {
  it('reads a child shard only after its parent was read to its end', async () => {
    const stream = new FakeStream();
    stream.addShard('parent');
    stream.write('parent', 'p1');
    stream.write('parent', 'p2');
    stream.close('parent');
    stream.addShard('child', 'parent');
    stream.write('child', 'c1');
    const { batches, invoke } = recorder();

    const mapping = await start(stream, { invoke });
    await mapping.idle();

    expect(batches).toEqual([['p1', 'p2'], ['c1']]);
    const parentEnd = stream.reads.findIndex((read) => read.shardId === 'parent' && read.end);
    const firstChildRead = stream.reads.findIndex((read) => read.shardId === 'child');
    expect(parentEnd).toBeGreaterThanOrEqual(0);
    expect(firstChildRead).toBeGreaterThan(parentEnd);
  });

  it('starting at LATEST delivers only what is written after it started', async () => {
    const stream = new FakeStream();
    stream.addShard('s');
    stream.write('s', 'old');
    const { batches, invoke } = recorder();

    const mapping = await start(stream, { invoke, startingPosition: 'LATEST' });
    stream.write('s', 'new');
    await mapping.idle();

    expect(batches).toEqual([['new']]);
  });

  it('discards a batch that keeps failing after maximumRetryAttempts, then goes on', async () => {
    const stream = new FakeStream();
    stream.addShard('s');
    stream.write('s', 'poison');
    const errors: string[] = [];
    const { batches, invoke } = recorder((event) => {
      if (event.Records[0]?.dynamodb?.Keys?.pk?.S === 'poison') throw new Error('cannot handle');
    });

    const mapping = await start(stream, {
      invoke,
      maximumRetryAttempts: 2,
      onError: (message) => errors.push(message),
    });
    await mapping.idle();
    stream.write('s', 'fine');
    await mapping.idle();

    expect(batches).toEqual([['poison'], ['poison'], ['poison'], ['fine']]);
    expect(errors.filter((message) => message.includes('discarded 1 record(s)'))).toHaveLength(1);
  });

  it('bisects a failing batch down to the bad record and discards only that one', async () => {
    const stream = new FakeStream();
    stream.addShard('s');
    for (const pk of ['a', 'b', 'bad', 'c']) stream.write('s', pk);
    const { batches, invoke } = recorder((event) => {
      if (event.Records.some((record) => record.dynamodb?.Keys?.pk?.S === 'bad'))
        throw new Error('bad record');
    });

    const mapping = await start(stream, {
      invoke,
      maximumRetryAttempts: 0,
      bisectBatchOnFunctionError: true,
    });
    await mapping.idle();

    expect(batches).toEqual([['a', 'b', 'bad', 'c'], ['a', 'b'], ['bad', 'c'], ['bad'], ['c']]);
  });

  describe('filterPatterns (Lambda event filtering)', () => {
    const keepOnly = { dynamodb: { Keys: { pk: { S: [{ prefix: 'keep' }] } } } };

    it('delivers only the records that match a pattern, in order', async () => {
      const stream = new FakeStream();
      stream.addShard('s');
      for (const pk of ['keep-1', 'drop-1', 'keep-2', 'drop-2']) stream.write('s', pk);
      const { batches, invoke } = recorder();

      const mapping = await start(stream, { invoke, filterPatterns: [keepOnly] });
      await mapping.idle();

      expect(batches).toEqual([['keep-1', 'keep-2']]);
    });

    it('delivers a record that matches any one of several patterns', async () => {
      const stream = new FakeStream();
      stream.addShard('s');
      for (const pk of ['keep-1', 'other', 'drop']) stream.write('s', pk);
      const { batches, invoke } = recorder();

      const mapping = await start(stream, {
        invoke,
        filterPatterns: [keepOnly, { dynamodb: { Keys: { pk: { S: ['other'] } } } }],
      });
      await mapping.idle();

      expect(batches).toEqual([['keep-1', 'other']]);
    });

    it('checkpoints dropped records without invoking, so a restart does not read them again', async () => {
      const stream = new FakeStream();
      stream.addShard('s');
      for (const pk of ['drop-1', 'drop-2']) stream.write('s', pk);
      const checkpointFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'stream-filters-')), 'cp.json');
      const first = recorder();
      const mapping = await start(stream, {
        invoke: first.invoke,
        filterPatterns: [keepOnly],
        checkpointFile,
      });
      await mapping.idle();
      await mapping.stop();

      stream.write('s', 'keep-1');
      const second = recorder();
      const restarted = await start(stream, { invoke: second.invoke, checkpointFile });
      await restarted.idle();

      expect(first.batches).toEqual([]);
      expect(second.batches).toEqual([['keep-1']]);
    });

    it('rejects an invalid filter pattern, naming it', async () => {
      await expect(
        start(new FakeStream(), { invoke: recorder().invoke, filterPatterns: [{ eventName: 'INSERT' }] }),
      ).rejects.toThrow('svc.fn: filter pattern 0 is invalid: eventName: must be an object or an array');
    });

    it('rejects more than 5 filter patterns, as Lambda does', async () => {
      const patterns = Array.from({ length: 6 }, (_, i) => ({ eventName: [`E${i}`] }));

      await expect(
        start(new FakeStream(), { invoke: recorder().invoke, filterPatterns: patterns }),
      ).rejects.toThrow('at most 5 filter patterns');
    });
  });

  it('rejects with a clear message when the stream does not exist', async () => {
    const client = {
      send: async () => {
        throw Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' });
      },
    } as unknown as StreamMappingOptions['streamsClient'];

    await expect(
      startStreamMapping({
        streamsClient: client,
        streamArn: STREAM_ARN,
        functionName: 'svc.fn',
        invoke: recorder().invoke,
        startingPosition: 'TRIM_HORIZON',
      }),
    ).rejects.toThrow(
      `Cannot start the stream mapping of svc.fn on ${STREAM_ARN}: ResourceNotFoundException`,
    );
  });
});
