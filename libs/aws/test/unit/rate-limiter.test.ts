import { rateLimit } from '@chat/runtime';
import { dynamoRateLimiter } from '../../src';

/** A client over one in-memory item that applies the limiter's two conditional updates as DynamoDB would. */
function aTable(options: { returnsOldItem: boolean }) {
  let item: { endsAt: number; used: number } | undefined;
  const calls: string[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      const input = command.input as {
        UpdateExpression: string;
        ExpressionAttributeValues: Record<string, number>;
      };
      const values = input.ExpressionAttributeValues;
      const opening = input.UpdateExpression.includes('endsAt = :endsAt');
      calls.push(opening ? 'open' : 'count');
      const holds = opening
        ? item === undefined || item.endsAt <= values[':now']!
        : item !== undefined && item.endsAt > values[':now']! && item.used < values[':limit']!;
      if (!holds) {
        throw Object.assign(new Error('The conditional request failed'), {
          name: 'ConditionalCheckFailedException',
          ...(options.returnsOldItem && item
            ? { Item: { endsAt: { N: String(item.endsAt) }, used: { N: String(item.used) } } }
            : {}),
        });
      }
      item = opening ? { endsAt: values[':endsAt']!, used: 1 } : { ...item!, used: item!.used + 1 };
      return { Attributes: { ...item } };
    },
  };
  return { client, calls };
}

describe('dynamoRateLimiter', () => {
  const limit = rateLimit('send', 3, 10);

  it('makes one conditional write per allowed check in the steady state, and none once it saw the window full', async () => {
    const { client, calls } = aTable({ returnsOldItem: true });
    const limiter = dynamoRateLimiter(client as never, 'limits');

    const decisions = [];
    for (let i = 0; i < 6; i += 1) decisions.push(await limiter.take(limit, 'alice'));

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false, false]);
    // The third write's answer (ALL_NEW) shows the window full: every later check is refused without a call.
    expect(calls).toEqual(['open', 'count', 'count']);
  });

  it('decides from the item a refused condition returns, in a sandbox that knows nothing yet', async () => {
    const table = aTable({ returnsOldItem: true });
    const first = dynamoRateLimiter(table.client as never, 'limits');
    for (let i = 0; i < 3; i += 1) await first.take(limit, 'alice');
    table.calls.length = 0;

    const second = dynamoRateLimiter(table.client as never, 'limits');
    const decision = await second.take(limit, 'alice');

    expect(decision).toMatchObject({ allowed: false });
    expect(table.calls).toEqual(['open']);
  });

  it('still decides right when DynamoDB returns no item with the refusal', async () => {
    const table = aTable({ returnsOldItem: false });
    const first = dynamoRateLimiter(table.client as never, 'limits');
    await first.take(limit, 'alice');

    const second = dynamoRateLimiter(table.client as never, 'limits');
    const decisions = [await second.take(limit, 'alice'), await second.take(limit, 'alice')];

    expect(decisions).toEqual([{ allowed: true }, { allowed: true }]);
    expect(await second.take(limit, 'alice')).toMatchObject({ allowed: false });
  });
});
