import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIdempotencyGuard, EventInProgressError } from '../../src/index';
import { aRecordingLogger } from '../support/builders';

/**
 * A document client that keeps the markers of one table in a map and evaluates the guard's conditions the way
 * DynamoDB would for the few shapes the guard writes, and records each call (what the guard costs).
 */
function aMarkerTable(nowSeconds: () => number) {
  const items = new Map<string, Record<string, unknown>>();
  const calls: string[] = [];
  const conditionFailed = () =>
    Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const operation = command.constructor.name.replace(/Command$/, '');
    calls.push(operation);
    const input = command.input as {
      Key?: { pk: string };
      Item?: Record<string, unknown> & { pk: string };
      ConditionExpression?: string;
      ExpressionAttributeValues?: Record<string, unknown>;
    };
    const pk = input.Key?.pk ?? input.Item?.pk ?? '';
    const existing = items.get(pk);
    const expired = existing !== undefined && Number(existing.expiresAt) < nowSeconds();
    if (operation === 'Get') return { Item: existing };
    if (operation === 'Put') {
      const condition = input.ConditionExpression ?? '';
      const lockFree =
        existing?.status === 'in-progress' &&
        Number(existing.lockedUntil) <= nowSeconds() &&
        condition.includes('lockedUntil');
      const notDone = existing?.status !== 'done' && condition.includes('<> :done');
      if (existing && !expired && !lockFree && !notDone) throw conditionFailed();
      items.set(pk, { ...input.Item });
      return {};
    }
    const owner = input.ExpressionAttributeValues?.[':owner'];
    if (existing?.owner !== owner) throw conditionFailed();
    if (operation === 'Delete') items.delete(pk);
    if (operation === 'Update') items.set(pk, { pk, expiresAt: existing?.expiresAt, owner, status: 'done' });
    return {};
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, items, calls };
}

function aGuard(repeatable: boolean) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const table = aMarkerTable(() => Math.floor(now / 1000));
  const { logger, lines } = aRecordingLogger();
  const guard = createIdempotencyGuard({
    client: table.client,
    tableName: 'processed',
    ttlSeconds: 3600,
    consumer: 'test.consumer',
    lockSeconds: 30,
    repeatable,
    now: () => now,
    logger,
  });
  return { guard, ...table, lines, advance: (ms: number) => (now += ms) };
}

describe('idempotency guard, repeatable', () => {
  it('costs one read and one write for an event seen for the first time, and marks it done after the work', async () => {
    const { guard, calls, items } = aGuard(true);
    const seenDuringWork: unknown[] = [];

    const outcome = await guard.once('e-1', async () => {
      seenDuringWork.push(items.get('evt#test.consumer#e-1'));
      return 'sent';
    });

    expect(outcome).toEqual({ executed: true, result: 'sent' });
    expect(calls).toEqual(['Get', 'Put']);
    expect(seenDuringWork).toEqual([undefined]);
    expect(items.get('evt#test.consumer#e-1')).toMatchObject({ status: 'done' });
  });

  it('skips a redelivery of a done event with one read and no write', async () => {
    const { guard, calls } = aGuard(true);
    await guard.once('e-1', async () => 'sent');
    calls.length = 0;
    const work = jest.fn(async () => 'again');

    const outcome = await guard.once('e-1', work);

    expect(outcome).toEqual({ executed: false });
    expect(work).not.toHaveBeenCalled();
    expect(calls).toEqual(['Get']);
  });

  it('leaves nothing behind when the work fails, so a retry runs it again', async () => {
    const { guard, calls, items } = aGuard(true);

    await expect(
      guard.once('e-1', async () => {
        throw new Error('the posts failed');
      }),
    ).rejects.toThrow('the posts failed');
    const retry = await guard.once('e-1', async () => 'sent');

    expect(calls).toEqual(['Get', 'Get', 'Put']);
    expect(retry).toEqual({ executed: true, result: 'sent' });
    expect(items.size).toBe(1);
  });

  it('lets two deliveries at the same moment both run, and logs the second one’s mark', async () => {
    const { guard, lines } = aGuard(true);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];

    const first = guard.once('e-1', async () => {
      await gate;
      runs.push('first');
    });
    const second = guard.once('e-1', async () => {
      await gate;
      runs.push('second');
    });
    release();

    expect(await Promise.all([first, second])).toEqual([
      { executed: true, result: undefined },
      { executed: true, result: undefined },
    ]);
    expect(runs).toEqual(['first', 'second']);
    expect(lines.some((line) => String(line.message).includes('two deliveries at once'))).toBe(true);
  });

  it('runs an event again once its done marker has expired', async () => {
    const { guard, advance } = aGuard(true);
    await guard.once('e-1', async () => 1);
    advance(3601 * 1000);

    expect(await guard.once('e-1', async () => 2)).toEqual({ executed: true, result: 2 });
  });

  it('still returns the result when the done marker cannot be written', async () => {
    const { guard, client, lines } = aGuard(true);
    const send = client.send.bind(client);
    jest.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'PutCommand') throw new Error('throttled');
      return send(command as never);
    }) as never);

    expect(await guard.once('e-1', async () => 'sent')).toEqual({ executed: true, result: 'sent' });
    expect(lines.some((line) => line.message === 'handled, but could not mark the event done')).toBe(true);
  });
});

describe('idempotency guard, locked', () => {
  it('locks before the work and marks done after it: two writes for an event seen for the first time', async () => {
    const { guard, calls, items } = aGuard(false);
    const seenDuringWork: unknown[] = [];

    await guard.once('e-1', async () => {
      seenDuringWork.push(items.get('evt#test.consumer#e-1')?.status);
    });

    expect(calls).toEqual(['Put', 'Update']);
    expect(seenDuringWork).toEqual(['in-progress']);
    expect(items.get('evt#test.consumer#e-1')).toMatchObject({ status: 'done' });
  });

  it('fails a delivery that meets another one’s lock with EventInProgressError, without running the work', async () => {
    const { guard } = aGuard(false);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = guard.once('e-1', () => gate);
    const work = jest.fn(async () => undefined);

    await expect(guard.once('e-1', work)).rejects.toBeInstanceOf(EventInProgressError);
    expect(work).not.toHaveBeenCalled();
    release();
    await first;
  });
});
