import { capacityOf, itemsByTable } from '../../../src/dynamodb/write-signal-proxy';
import { UsageCounters, usageDelta } from '../../../src/observability/usage';

describe('itemsByTable', () => {
  it('counts the items a request writes per table, 0 for the tables it reads', () => {
    expect(itemsByTable('PutItem', { TableName: 'a' })).toEqual({ a: 1 });
    expect(itemsByTable('GetItem', { TableName: 'a' })).toEqual({ a: 0 });
    expect(itemsByTable('BatchWriteItem', { RequestItems: { a: [{}, {}], b: [{}] } })).toEqual({
      a: 2,
      b: 1,
    });
    expect(itemsByTable('BatchGetItem', { RequestItems: { a: { Keys: [{}, {}] } } })).toEqual({ a: 0 });
    expect(
      itemsByTable('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'a' } },
          { ConditionCheck: { TableName: 'b' } },
        ],
      }),
    ).toEqual({ a: 2, b: 0 });
    expect(itemsByTable('ListTables', {})).toEqual({});
  });
});

describe('capacityOf', () => {
  it('reads ConsumedCapacity as read or write units by operation, or split where DynamoDB splits it', () => {
    expect(capacityOf('GetItem', { ConsumedCapacity: { TableName: 'a', CapacityUnits: 0.5 } })).toEqual({
      a: { read: 0.5, write: 0 },
    });
    expect(capacityOf('PutItem', { ConsumedCapacity: { TableName: 'a', CapacityUnits: 1 } })).toEqual({
      a: { read: 0, write: 1 },
    });
    expect(
      capacityOf('TransactWriteItems', {
        ConsumedCapacity: [{ TableName: 'a', CapacityUnits: 4, ReadCapacityUnits: 0, WriteCapacityUnits: 4 }],
      }),
    ).toEqual({ a: { read: 0, write: 4 } });
    expect(capacityOf('PutItem', {})).toEqual({});
  });
});

describe('UsageCounters', () => {
  it('counts calls, items written, refusals and units by operation and table; a refused write writes nothing', () => {
    const usage = new UsageCounters(() => 3);
    usage.dynamoDbCall({
      operation: 'PutItem',
      tables: { a: 1 },
      status: 200,
      capacity: { a: { read: 0, write: 1 } },
    });
    const before = usage.snapshot();
    usage.dynamoDbCall({
      operation: 'UpdateItem',
      tables: { a: 1 },
      status: 400,
      errorType: 'ConditionalCheckFailedException',
    });
    usage.dynamoDbCall({
      operation: 'PutItem',
      tables: { a: 1 },
      status: 200,
      capacity: { a: { read: 0, write: 1 } },
    });
    usage.invocation('svc.fn', { ok: true, durationMs: 30, waitedMs: 10 });
    usage.invocation('svc.fn', { ok: false, durationMs: 5, waitedMs: 0 });

    const delta = usageDelta(before, usage.snapshot());

    expect(delta.sandboxes).toBe(3);
    expect(delta.dynamodb.total).toEqual({
      calls: 2,
      writes: 1,
      failed: 1,
      errors: { ConditionalCheckFailedException: 1 },
      readUnits: 0,
      writeUnits: 1,
      totalMs: 0,
    });
    expect(Object.keys(delta.dynamodb.byOperation).sort()).toEqual(['PutItem', 'UpdateItem']);
    expect(delta.dynamodb.byTable.a?.UpdateItem).toMatchObject({ calls: 1, writes: 0, failed: 1 });
    expect(delta.invocations.byFunction['svc.fn']).toEqual({
      count: 2,
      errors: 1,
      totalMs: 35,
      waitedMs: 10,
    });
  });

  it('leaves out of a difference what did not change', () => {
    const usage = new UsageCounters();
    usage.invocation('svc.a', { ok: true, durationMs: 1, waitedMs: 0 });
    const before = usage.snapshot();
    usage.invocation('svc.b', { ok: true, durationMs: 1, waitedMs: 0 });

    expect(Object.keys(usageDelta(before, usage.snapshot()).invocations.byFunction)).toEqual(['svc.b']);
  });
});
