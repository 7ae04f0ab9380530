import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, type BatchGetOptions } from '../../src';

// DynamoDB Local never leaves keys unprocessed, so these tests script `send` to produce UnprocessedKeys; the
// integration test reads a real table.

const TABLE = 'things';
type Key = { id: string };
type Answer = { found: Key[]; unprocessed?: Key[] };

const keysOf = (count: number, from = 0): Key[] =>
  Array.from({ length: count }, (_, index) => ({ id: `k${from + index}` }));

function scriptedClient(answers: Answer[]) {
  const requests: BatchGetCommand['input'][] = [];
  return {
    requests,
    send: async (command: BatchGetCommand) => {
      requests.push(command.input);
      const answer = answers.shift() ?? { found: [] };
      return {
        Responses: { [TABLE]: answer.found },
        UnprocessedKeys: answer.unprocessed ? { [TABLE]: { Keys: answer.unprocessed } } : {},
      };
    },
  };
}

const noWait = (delays: number[] = []): BatchGetOptions => ({
  sleep: async (ms) => {
    delays.push(ms);
  },
  random: () => 0.5,
});

const keysSent = (request: BatchGetCommand['input']) => request.RequestItems?.[TABLE]?.Keys;

describe('batchGetAll', () => {
  it('reads the keys in calls of at most 100', async () => {
    const keys = keysOf(250);
    const client = scriptedClient([
      { found: keys.slice(0, 100) },
      { found: keys.slice(100, 200) },
      { found: keys.slice(200) },
    ]);

    const items = await batchGetAll(client as never, TABLE, keys, noWait());

    expect(client.requests.map((request) => keysSent(request)?.length)).toEqual([100, 100, 50]);
    expect(items).toEqual(keys);
  });

  it('makes no call for no keys', async () => {
    const client = scriptedClient([]);

    await expect(batchGetAll(client as never, TABLE, [], noWait())).resolves.toEqual([]);
    expect(client.requests).toHaveLength(0);
  });

  it('asks again for the unprocessed keys only, after a growing backoff', async () => {
    const [a, b, c] = keysOf(3) as [Key, Key, Key];
    const keys = [a, b, c];
    const delays: number[] = [];
    const client = scriptedClient([
      { found: [a], unprocessed: [b, c] },
      { found: [b], unprocessed: [c] },
      { found: [c] },
    ]);

    const items = await batchGetAll(client as never, TABLE, keys, { ...noWait(delays), baseDelayMs: 20 });

    expect(client.requests.map(keysSent)).toEqual([keys, [b, c], [c]]);
    expect(items).toEqual(keys);
    expect(delays).toEqual([15, 30]);
  });

  it('throws a clear error when keys stay unprocessed after the last attempt', async () => {
    const keys = keysOf(2);
    const client = scriptedClient(Array.from({ length: 3 }, () => ({ found: [], unprocessed: keys })));

    await expect(batchGetAll(client as never, TABLE, keys, { ...noWait(), maxAttempts: 3 })).rejects.toThrow(
      'BatchGetItem left 2 keys of things unprocessed after 3 attempts',
    );
    expect(client.requests).toHaveLength(3);
  });

  it('passes the consistency and projection options on every call', async () => {
    const client = scriptedClient([{ found: [] }]);

    await batchGetAll(client as never, TABLE, keysOf(1), {
      ...noWait(),
      consistentRead: true,
      projection: 'id, #status',
      names: { '#status': 'status' },
    });

    expect(client.requests[0]?.RequestItems?.[TABLE]).toEqual({
      Keys: keysOf(1),
      ConsistentRead: true,
      ProjectionExpression: 'id, #status',
      ExpressionAttributeNames: { '#status': 'status' },
    });
  });
});
