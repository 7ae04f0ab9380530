import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { eventually, freePort } from '@chat/testing';
import {
  createTables,
  startDynamoDbLocal,
  startStreamMapping,
  startTtlSweeper,
  startWriteSignalProxy,
  type RunningDynamoDbLocal,
  type StreamMapping,
  type StreamMappingOptions,
  type TableDefinition,
} from '../../../src/dynamodb';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'chat-local');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

let ddb: RunningDynamoDbLocal;
let workDir: string;
let client: DynamoDBClient;
let streamsClient: DynamoDBStreamsClient;
const mappings: StreamMapping[] = [];

/** The emulator runs in this process's tree: poll often. */
const waitFor = (condition: () => boolean, what: string) =>
  eventually(condition, { what, timeoutMs: 15_000, intervalMs: 20 });

/** Local addresses of the TCP sockets listening on `port`, from /proc/net/tcp and tcp6 (Linux). */
function listeningAddresses(port: number): string[] {
  const decode = (hex: string): string => {
    const bytes = (word: string) =>
      word
        .match(/../g)
        ?.reverse()
        .map((byte) => parseInt(byte, 16)) ?? [];
    if (hex.length === 8) return bytes(hex).join('.');
    const all = [0, 8, 16, 24].flatMap((offset) => bytes(hex.slice(offset, offset + 8)));
    const mapped = all.slice(0, 10).every((b) => b === 0) && all[10] === 255 && all[11] === 255;
    if (mapped) return `::ffff:${all.slice(12).join('.')}`;
    return all.every((b) => b === 0) ? '::' : hex;
  };
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [addressHex, portHex] = local?.split(':') ?? [];
      if (state === '0A' && addressHex && portHex && parseInt(portHex, 16) === port)
        addresses.push(decode(addressHex));
    }
  }
  return addresses;
}

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function streamTableDefinition(tableName: string, extra: Record<string, unknown> = {}): TableDefinition {
  return {
    logicalId: 'TestTable',
    properties: {
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      ...extra,
    },
  };
}

async function createStreamTable(
  extra: Record<string, unknown> = {},
): Promise<{ tableName: string; streamArn: string }> {
  const tableName = uniqueName('stream');
  const [info] = await createTables({ client, tables: [streamTableDefinition(tableName, extra)] });
  if (!info?.streamArn) throw new Error('the table has no stream');
  return { tableName, streamArn: info.streamArn };
}

function put(tableName: string, pk: string, extra: Record<string, AttributeValue> = {}): Promise<unknown> {
  return client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, ...extra } }));
}

/** An in-test function: records every event it gets and answers with `respond` (which may throw). */
function recordingInvoke(respond: (event: DynamoDBStreamEvent, call: number) => unknown = () => undefined) {
  const events: DynamoDBStreamEvent[] = [];
  const invoke = async (_name: string, event: unknown): Promise<unknown> => {
    const streamEvent = event as DynamoDBStreamEvent;
    events.push(streamEvent);
    return respond(streamEvent, events.length);
  };
  const records = (): DynamoDBRecord[] => events.flatMap((event) => event.Records);
  const keysOf = (event: DynamoDBStreamEvent | undefined): string[] =>
    (event?.Records ?? []).map((record) => record.dynamodb?.Keys?.pk?.S ?? '?');
  return { events, invoke, records, keysOf };
}

async function startMapping(
  options: Pick<StreamMappingOptions, 'streamArn' | 'invoke'> & Partial<StreamMappingOptions>,
): Promise<StreamMapping> {
  const mapping = await startStreamMapping({
    streamsClient,
    functionName: 'test.recorder',
    startingPosition: 'TRIM_HORIZON',
    maximumRetryAttempts: 3,
    retryBaseDelayMs: 10,
    pollIntervalMs: 20,
    onError: () => undefined,
    ...options,
  });
  mappings.push(mapping);
  return mapping;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'chat-ddb-it-'));
  ddb = await startDynamoDbLocal({
    port: await freePort(),
    dataDir: path.join(workDir, 'data'),
    cacheDir: CACHE_DIR,
  });
  const config = { endpoint: ddb.url, region: 'us-east-1', credentials };
  client = new DynamoDBClient(config);
  streamsClient = new DynamoDBStreamsClient(config);
}, 300_000);

afterAll(async () => {
  await Promise.all(mappings.map((mapping) => mapping.stop()));
  client?.destroy();
  streamsClient?.destroy();
  await ddb?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('startDynamoDbLocal', () => {
  it('listens on 127.0.0.1 only', () => {
    const addresses = listeningAddresses(ddb.port);

    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(['127.0.0.1', '::ffff:127.0.0.1']).toContain(address);
  });

  it('fails with a clear message when the port is already taken', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(
        startDynamoDbLocal({ port, dataDir: path.join(workDir, 'blocked'), cacheDir: CACHE_DIR }),
      ).rejects.toThrow(`DynamoDB Local cannot start: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('createTables', () => {
  it('creates a table with its stream and TTL, and reuses it when run again', async () => {
    const tableName = uniqueName('tables');
    const definition = streamTableDefinition(tableName, {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      Tags: [{ Key: 'service', Value: 'test' }],
    });
    const warnings: string[] = [];

    const first = await createTables({ client, tables: [definition], log: (line) => warnings.push(line) });
    const second = await createTables({ client, tables: [definition], log: (line) => warnings.push(line) });

    expect(first).toEqual([
      {
        logicalId: 'TestTable',
        tableName,
        streamArn: expect.stringContaining('/stream/'),
        ttlAttribute: 'expiresAt',
      },
    ]);
    expect(second).toEqual(first);
    expect(warnings).toEqual([]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('adds a global secondary index that an existing table lacks', async () => {
    const tableName = uniqueName('gsi');
    await createTables({ client, tables: [streamTableDefinition(tableName)] });
    const withIndex = streamTableDefinition(tableName, {
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'byUser', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byUser',
          KeySchema: [{ AttributeName: 'byUser', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });

    await createTables({ client, tables: [withIndex], log: () => undefined });

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((gsi) => [gsi.IndexName, gsi.IndexStatus])).toEqual([
      ['byUser', 'ACTIVE'],
    ]);
  });
});

describe('startStreamMapping', () => {
  it('delivers INSERT, MODIFY and REMOVE in order, in batches of at most batchSize, as Lambda events', async () => {
    const { tableName, streamArn } = await createStreamTable();
    await put(tableName, 'a', { n: { N: '1' } });
    await put(tableName, 'b');
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET n = :n',
        ExpressionAttributeValues: { ':n': { N: '2' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: 'b' } } }));
    await put(tableName, 'c');
    const recorder = recordingInvoke();

    const mapping = await startMapping({ streamArn, invoke: recorder.invoke, batchSize: 2 });
    await waitFor(() => recorder.records().length >= 5, 'five records');
    await mapping.idle();

    const records = recorder.records();
    expect(records.map((record) => [record.eventName, record.dynamodb?.Keys?.pk?.S])).toEqual([
      ['INSERT', 'a'],
      ['INSERT', 'b'],
      ['MODIFY', 'a'],
      ['REMOVE', 'b'],
      ['INSERT', 'c'],
    ]);
    expect(recorder.events.map((event) => event.Records.length)).toEqual([2, 2, 1]);
    const sequenceNumbers = records.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    expect([...sequenceNumbers].sort((x, y) => (x < y ? -1 : 1))).toEqual(sequenceNumbers);
    expect(records[2]).toEqual({
      eventID: expect.any(String),
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' }, n: { N: '2' } },
        OldImage: { pk: { S: 'a' }, n: { N: '1' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArn,
    });
    expect(
      Math.abs((records[2]?.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000),
    ).toBeLessThan(600);
    expect(records[3]?.dynamodb?.NewImage).toBeUndefined();
  });

  it('invokes again with the same batch after the function throws', async () => {
    const { tableName, streamArn } = await createStreamTable();
    for (const pk of ['a', 'b', 'c']) await put(tableName, pk);
    const recorder = recordingInvoke((_event, call) => {
      if (call === 1) throw new Error('boom');
    });

    const mapping = await startMapping({ streamArn, invoke: recorder.invoke, batchSize: 10 });
    await waitFor(() => recorder.events.length >= 2, 'the retry');
    await mapping.idle();

    expect(recorder.events).toHaveLength(2);
    expect(recorder.events[1]).toEqual(recorder.events[0]);
    expect(recorder.keysOf(recorder.events[1])).toEqual(['a', 'b', 'c']);
  });

  it('retries from the lowest reported batchItemFailure without redelivering the records before it', async () => {
    const { tableName, streamArn } = await createStreamTable();
    for (const pk of ['a', 'b', 'c', 'd', 'e']) await put(tableName, pk);
    const recorder = recordingInvoke((event, call) =>
      call === 1
        ? {
            batchItemFailures: [
              { itemIdentifier: event.Records[4]?.dynamodb?.SequenceNumber },
              { itemIdentifier: event.Records[2]?.dynamodb?.SequenceNumber },
            ],
          }
        : { batchItemFailures: [] },
    );

    const mapping = await startMapping({
      streamArn,
      invoke: recorder.invoke,
      batchSize: 10,
      reportBatchItemFailures: true,
    });
    await waitFor(() => recorder.events.length >= 2, 'the retry');
    await mapping.idle();

    expect(recorder.events.map(recorder.keysOf)).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ['c', 'd', 'e'],
    ]);
  });

  it('resumes from its checkpoint file after a restart, neither losing nor replaying records', async () => {
    const { tableName, streamArn } = await createStreamTable();
    const checkpointFile = path.join(workDir, 'checkpoints', `${tableName}.json`);
    for (const pk of ['a', 'b', 'c']) await put(tableName, pk);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const before = recordingInvoke(() => gate);
    const first = await startStreamMapping({
      streamsClient,
      streamArn,
      functionName: 'test.recorder',
      invoke: before.invoke,
      startingPosition: 'TRIM_HORIZON',
      checkpointFile,
      pollIntervalMs: 20,
    });
    await waitFor(() => before.events.length === 1, 'the first batch to be in flight');

    const stopping = first.stop();
    release();
    await stopping;
    for (const pk of ['d', 'e']) await put(tableName, pk);
    const after = recordingInvoke();
    const second = await startMapping({ streamArn, invoke: after.invoke, checkpointFile, batchSize: 10 });
    await waitFor(() => after.records().length >= 2, 'the records written while stopped');
    await second.idle();

    expect(before.records().map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['a', 'b', 'c']);
    expect(after.records().map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['d', 'e']);
  });
});

describe('startWriteSignalProxy', () => {
  it('passes requests through and names the tables of each successful write, not of reads', async () => {
    const first = await createStreamTable();
    const second = await createStreamTable();
    const signals: Array<readonly string[] | 'all'> = [];
    const proxy = await startWriteSignalProxy({ target: ddb.url, onWrite: (tables) => signals.push(tables) });
    const viaProxy = new DynamoDBClient({ endpoint: proxy.url, region: 'us-east-1', credentials });
    try {
      await viaProxy.send(new PutItemCommand({ TableName: first.tableName, Item: { pk: { S: 'p1' } } }));
      const read = await viaProxy.send(
        new GetItemCommand({ TableName: first.tableName, Key: { pk: { S: 'p1' } } }),
      );
      await viaProxy.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: first.tableName, Item: { pk: { S: 'p2' } } } },
            { Put: { TableName: second.tableName, Item: { pk: { S: 'p3' } } } },
          ],
        }),
      );
      const refused = await viaProxy
        .send(
          new PutItemCommand({
            TableName: first.tableName,
            Item: { pk: { S: 'p1' } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: Error) => error.name);

      expect(read.Item).toEqual({ pk: { S: 'p1' } });
      expect(refused).toBe('ConditionalCheckFailedException');
      expect(signals).toEqual([[first.tableName], [first.tableName, second.tableName]]);
    } finally {
      viaProxy.destroy();
      await proxy.close();
    }
  });

  it('wakes a resting stream mapping: a record written through it is delivered well before the idle poll', async () => {
    const { tableName, streamArn } = await createStreamTable();
    const recorder = recordingInvoke();
    const mapping = await startMapping({
      streamArn,
      invoke: recorder.invoke,
      pollIntervalMs: 20,
      idleAfterMs: 100,
      idlePollIntervalMs: 30_000,
    });
    const proxy = await startWriteSignalProxy({ target: ddb.url, onWrite: () => mapping.wake() });
    const viaProxy = new DynamoDBClient({ endpoint: proxy.url, region: 'us-east-1', credentials });
    try {
      // Quiet for a while: the mapping's pause between polls has grown to 30 s (20 ms doubled every 100 ms).
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const written = Date.now();
      await viaProxy.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'woken' } } }));
      await waitFor(() => recorder.records().length === 1, 'the record');

      expect(recorder.keysOf(recorder.events[0])).toEqual(['woken']);
      expect(Date.now() - written).toBeLessThan(2_000);
    } finally {
      viaProxy.destroy();
      await proxy.close();
    }
  });
});

describe('startTtlSweeper', () => {
  // The tables here leave TTL disabled in DynamoDB Local, whose own TTL job would otherwise race the sweeper.
  it('deletes only expired items, and each deletion reaches the stream as a REMOVE', async () => {
    const { tableName, streamArn } = await createStreamTable();
    const now = Math.floor(Date.now() / 1000);
    await put(tableName, 'expired', { expiresAt: { N: String(now - 60) } });
    await put(tableName, 'future', { expiresAt: { N: String(now + 3600) } });
    await put(tableName, 'no-ttl');
    await put(tableName, 'not-a-number', { expiresAt: { S: String(now - 60) } });
    await put(tableName, 'too-old', { expiresAt: { N: String(now - 6 * 365 * 24 * 3600) } });
    const recorder = recordingInvoke();
    const mapping = await startMapping({ streamArn, invoke: recorder.invoke, batchSize: 10 });
    const sweeper = startTtlSweeper({
      client,
      tables: [{ tableName, attribute: 'expiresAt' }],
      intervalMs: 60_000,
    });

    const deleted = await sweeper.sweepOnce();
    await sweeper.stop();

    expect(deleted).toBe(1);
    const remaining = await Promise.all(
      ['expired', 'future', 'no-ttl', 'not-a-number', 'too-old'].map(async (pk) => {
        const { Item } = await client.send(
          new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk } } }),
        );
        return Item ? pk : undefined;
      }),
    );
    expect(remaining.filter(Boolean)).toEqual(['future', 'no-ttl', 'not-a-number', 'too-old']);
    await waitFor(
      () => recorder.records().some((record) => record.eventName === 'REMOVE'),
      'the REMOVE record',
    );
    await mapping.idle();
    const removes = recorder.records().filter((record) => record.eventName === 'REMOVE');
    expect(removes.map((record) => record.dynamodb?.OldImage)).toEqual([
      { pk: { S: 'expired' }, expiresAt: { N: String(now - 60) } },
    ]);
  });

  it('keeps an item whose TTL was refreshed between the scan and the delete', async () => {
    const tableName = uniqueName('ttl');
    await createTables({ client, tables: [streamTableDefinition(tableName)] });
    const now = Math.floor(Date.now() / 1000);
    await put(tableName, 'refreshed', { expiresAt: { N: String(now - 60) } });
    const racingClient = new DynamoDBClient({ endpoint: ddb.url, region: 'us-east-1', credentials });
    racingClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteItemCommand') {
          await put(tableName, 'refreshed', { expiresAt: { N: String(now + 3600) } });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const sweeper = startTtlSweeper({
      client: racingClient,
      tables: [{ tableName, attribute: 'expiresAt' }],
      intervalMs: 60_000,
    });

    const deleted = await sweeper.sweepOnce();
    await sweeper.stop();
    racingClient.destroy();

    expect(deleted).toBe(0);
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'refreshed' } } }),
    );
    expect(Item?.expiresAt).toEqual({ N: String(now + 3600) });
  });
});
