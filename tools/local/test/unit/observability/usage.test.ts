import {
  askingForConsumedCapacity,
  dynamoDbCallOf,
  itemsWrittenBy,
  LocalUsage,
  tablesNamed,
} from '../../../src/observability/usage';

describe('LocalUsage', () => {
  it('counts DynamoDB calls by operation, by table and by both, with their units', () => {
    const usage = new LocalUsage();

    usage.dynamoDbCall(dynamoDbCallOf('GetItem', ['users'], 200, { ConsumedCapacity: { CapacityUnits: 1 } }));
    usage.dynamoDbCall(
      dynamoDbCallOf('GetItem', ['users'], 200, { ConsumedCapacity: { CapacityUnits: 0.5 } }),
    );
    usage.dynamoDbCall(
      dynamoDbCallOf('TransactWriteItems', ['messages', 'versions'], 200, {
        ConsumedCapacity: [{ CapacityUnits: 4 }, { CapacityUnits: 2 }],
      }),
    );

    const { dynamodb } = usage.snapshot();
    expect(dynamodb.byOperation.GetItem).toEqual({
      calls: 2,
      readUnits: 1.5,
      writeUnits: 0,
      conditionFailed: 0,
      itemsWritten: 0,
      errors: {},
      milliseconds: 0,
    });
    expect(dynamodb.byOperation.TransactWriteItems).toMatchObject({ calls: 1, writeUnits: 6 });
    expect(dynamodb.byTable.versions).toMatchObject({ calls: 1, writeUnits: 3 });
    expect(dynamodb.byCall['GetItem users']).toMatchObject({ calls: 2 });
    expect(dynamodb.byCall['TransactWriteItems messages+versions']).toMatchObject({
      calls: 1,
      writeUnits: 6,
    });
  });

  it('bills a write that failed its condition one write unit', () => {
    const call = dynamoDbCallOf('PutItem', ['processed'], 400, {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
    });

    expect(call).toEqual({
      operation: 'PutItem',
      tables: ['processed'],
      readUnits: 0,
      writeUnits: 1,
      conditionFailed: true,
      itemsWritten: 0,
      errorType: 'ConditionalCheckFailedException',
      milliseconds: 0,
    });
  });

  it('counts the items a call wrote, its refusals by error type and the time DynamoDB Local took', () => {
    const usage = new LocalUsage();
    const transaction = {
      TransactItems: [{ Put: { TableName: 'a' } }, { Update: { TableName: 'a' } }],
    };

    usage.dynamoDbCall(
      dynamoDbCallOf('TransactWriteItems', ['a'], 200, {}, { request: transaction, milliseconds: 6 }),
    );
    usage.dynamoDbCall(
      dynamoDbCallOf(
        'TransactWriteItems',
        ['a'],
        400,
        { __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException' },
        { request: transaction, milliseconds: 2 },
      ),
    );

    expect(usage.snapshot().dynamodb.byOperation.TransactWriteItems).toMatchObject({
      calls: 2,
      itemsWritten: 2,
      errors: { TransactionConflictException: 1 },
      milliseconds: 8,
    });
  });

  it('counts invocations per function with their time, wait, CPU, inits, failures and memory, and HTTP requests of route functions', () => {
    const cpu = { processMs: 900, mainThreadMs: 300, dynamodbLocalMs: 400 };
    const usage = new LocalUsage(
      (name) => (name === 'messaging.sendMessage' ? 256 : 1024),
      (name) => name === 'messaging.sendMessage',
      () => 3,
      () => cpu,
    );

    usage.sandboxReady('messaging.sendMessage', 80);
    usage.sandboxReady('messaging.sendMessage', undefined);
    usage.invocation('messaging.sendMessage', { ok: true, durationMs: 30, waitedMs: 10, cpuMs: 4 });
    usage.invocation('messaging.sendMessage', { ok: false, durationMs: 5, waitedMs: 0 });
    usage.invocation('realtime.fanOutRoomEvent', { ok: true, durationMs: 1, waitedMs: 0 });
    usage.putEvents(3);
    usage.connectionPost();
    usage.webSocketClientMessage();
    usage.snsPublishes(2);

    const snapshot = usage.snapshot();
    expect(snapshot.lambda['messaging.sendMessage']).toEqual({
      invocations: 2,
      milliseconds: 35,
      waitedMs: 10,
      errors: 1,
      memoryMb: 256,
      cpuMs: 4,
      inits: 2,
      initCpuMs: 80,
    });
    expect(snapshot.lambda['realtime.fanOutRoomEvent']).toMatchObject({ invocations: 1, memoryMb: 1024 });
    expect(snapshot.http.requests).toBe(2);
    expect(snapshot.sandboxes).toBe(3);
    expect(snapshot.cpu).toEqual(cpu);
    expect(snapshot.eventBridge).toEqual({ putEventsRequests: 1, entries: 3 });
    expect(snapshot.webSocket).toEqual({ connects: 0, clientMessages: 1, posts: 1 });
    expect(snapshot.sns.publishes).toBe(2);
  });
});

describe('itemsWrittenBy', () => {
  it('counts one item for a single-item write, each of a batch or transaction, none for reads', () => {
    expect(itemsWrittenBy('PutItem', { TableName: 'a' })).toBe(1);
    expect(itemsWrittenBy('GetItem', { TableName: 'a' })).toBe(0);
    expect(itemsWrittenBy('BatchWriteItem', { RequestItems: { a: [{}, {}], b: [{}] } })).toBe(3);
    expect(
      itemsWrittenBy('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'a' } },
          { ConditionCheck: { TableName: 'b' } },
        ],
      }),
    ).toBe(2);
  });
});

describe('askingForConsumedCapacity', () => {
  it('asks for the total where the caller asked for none, and keeps what a caller asked for', () => {
    expect(askingForConsumedCapacity('GetItem', { TableName: 't' })).toEqual({
      TableName: 't',
      ReturnConsumedCapacity: 'TOTAL',
    });
    const indexes = { TableName: 't', ReturnConsumedCapacity: 'INDEXES' };
    expect(askingForConsumedCapacity('Query', indexes)).toBe(indexes);
  });

  it('leaves alone operations without consumed capacity, and bodies it could not read', () => {
    const describe = { TableName: 't' };
    expect(askingForConsumedCapacity('DescribeTable', describe)).toBe(describe);
    const unreadable = {};
    expect(askingForConsumedCapacity('PutItem', unreadable)).toBe(unreadable);
  });
});

describe('tablesNamed', () => {
  it('names the table of a single-item call, of a batch and of a transaction', () => {
    expect(tablesNamed({ TableName: 'a' })).toEqual(['a']);
    expect(tablesNamed({ RequestItems: { a: [], b: [] } })).toEqual(['a', 'b']);
    expect(
      tablesNamed({
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'b' } },
          { Delete: { TableName: 'a' } },
        ],
      }),
    ).toEqual(['a', 'b']);
  });
});
