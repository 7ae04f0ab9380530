import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createTables } from '@chat/local';
import { eventually, onStack } from '@chat/testing';
import {
  createIdempotencyGuard,
  EventInProgressError,
  type IdempotencyGuardOptions,
  idempotencyTableProperties,
} from '../../src/index';
import { aRecordingLogger } from '../support/builders';

// The idempotency guard against the local stack's DynamoDB Local (started by the integration global setup).

const tableName = `events-idempotency-${randomUUID()}`;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  client = new DynamoDBClient(onStack('dynamodb'));
  documents = DynamoDBDocumentClient.from(client);
  await createTables({
    client,
    tables: [{ logicalId: 'ProcessedEvents', properties: { ...idempotencyTableProperties(tableName) } }],
    log: () => undefined,
  });
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

function aGuard(overrides: Partial<IdempotencyGuardOptions> = {}) {
  const { logger } = aRecordingLogger();
  return createIdempotencyGuard({
    client: documents,
    tableName,
    ttlSeconds: 3600,
    consumer: 'test.consumer',
    logger,
    ...overrides,
  });
}

const counter = () => {
  let calls = 0;
  return {
    handler: async () => {
      calls += 1;
      return calls;
    },
    calls: () => calls,
  };
};

describe('idempotency guard on DynamoDB Local', () => {
  it('handles the same event once when it is delivered twice', async () => {
    const guard = aGuard();
    const eventId = randomUUID();
    const { handler, calls } = counter();

    const first = await guard.once(eventId, handler);
    const second = await guard.once(eventId, handler);

    expect(first).toEqual({ executed: true, result: 1 });
    expect(second).toEqual({ executed: false });
    expect(calls()).toBe(1);
  });

  it('fails a second delivery while the first runs, and skips one after the first has completed', async () => {
    const guard = aGuard();
    const eventId = randomUUID();
    let finishFirst: () => void = () => undefined;
    let firstStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      firstStarted = resolve;
    });
    const { handler, calls } = counter();
    const first = guard.once(eventId, async () => {
      firstStarted();
      await new Promise<void>((resolve) => {
        finishFirst = resolve;
      });
      return handler();
    });
    await started;

    const whileRunning = guard.once(eventId, handler);

    await expect(whileRunning).rejects.toBeInstanceOf(EventInProgressError);
    await expect(whileRunning).rejects.toMatchObject({ consumer: 'test.consumer', eventId });
    finishFirst();
    await expect(first).resolves.toEqual({ executed: true, result: 1 });
    await expect(guard.once(eventId, handler)).resolves.toEqual({ executed: false });
    expect(calls()).toBe(1);
  });

  it('runs exactly one of ten concurrent deliveries at a time; the others fail as in progress', async () => {
    const guard = aGuard();
    const eventId = randomUUID();
    let running = 0;
    let mostAtOnce = 0;
    let release: () => void = () => undefined;
    const othersFailed = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failed = 0;
    const handler = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await othersFailed; // still running while the other deliveries arrive
      running -= 1;
      return 'handled';
    };
    const deliver = async () => {
      try {
        return await guard.once(eventId, handler);
      } catch (error) {
        if ((failed += 1) === 9) release();
        throw error;
      }
    };

    const results = await Promise.allSettled(Array.from({ length: 10 }, deliver));

    expect(mostAtOnce).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toEqual([
      { status: 'fulfilled', value: { executed: true, result: 'handled' } },
    ]);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(reasons).toHaveLength(9);
    for (const reason of reasons) expect(reason).toBeInstanceOf(EventInProgressError);
  });

  it('runs the work again when the delivery holding the lock crashed and its lock expired', async () => {
    const start = Date.now();
    const eventId = randomUUID();
    const { handler, calls } = counter();
    const crashed = aGuard({ lockSeconds: 30, now: () => start });
    // A delivery that dies halfway (the sandbox is killed at its timeout): its handler never settles.
    void crashed.once(eventId, () => new Promise<never>(() => undefined));
    await eventually(
      async () => {
        const { Item } = await documents.send(
          new GetCommand({
            TableName: tableName,
            Key: { pk: `evt#test.consumer#${eventId}` },
            ConsistentRead: true,
          }),
        );
        return Item?.['status'] === 'in-progress';
      },
      { what: "the crashed delivery's in-progress marker" },
    );

    const withinLock = aGuard({ lockSeconds: 30, now: () => start + 29_000 }).once(eventId, handler);
    await expect(withinLock).rejects.toBeInstanceOf(EventInProgressError);
    const retried = await aGuard({ lockSeconds: 30, now: () => start + 30_000 }).once(eventId, handler);

    expect(retried).toEqual({ executed: true, result: 1 });
    expect(calls()).toBe(1);
    await expect(aGuard().once(eventId, handler)).resolves.toEqual({ executed: false });
  });

  it('removes the marker when the handler throws, so a redelivery runs it again', async () => {
    const guard = aGuard();
    const eventId = randomUUID();
    const failing = async () => {
      throw new Error('downstream unavailable');
    };
    const { handler, calls } = counter();

    await expect(guard.once(eventId, failing)).rejects.toThrow('downstream unavailable');
    const retried = await guard.once(eventId, handler);

    expect(retried).toEqual({ executed: true, result: 1 });
    expect(calls()).toBe(1);
  });

  it('keeps a done marker under evt#<consumer>#<eventId> that expires after ttlSeconds', async () => {
    const now = Date.UTC(2030, 0, 1);
    const guard = aGuard({ consumer: 'realtime.fan-out', ttlSeconds: 600, now: () => now });
    const eventId = randomUUID();

    await guard.once(eventId, async () => undefined);

    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: `evt#realtime.fan-out#${eventId}` } }),
    );
    expect(Item).toMatchObject({ status: 'done', expiresAt: now / 1000 + 600 });
    expect(Item).not.toHaveProperty('lockedUntil');
  });

  it('lets each consumer handle the same event once', async () => {
    const eventId = randomUUID();
    const { handler, calls } = counter();

    await aGuard({ consumer: 'notifications' }).once(eventId, handler);
    await aGuard({ consumer: 'realtime' }).once(eventId, handler);
    await aGuard({ consumer: 'realtime' }).once(eventId, handler);

    expect(calls()).toBe(2);
  });

  it('handles an event again once its marker has expired, even before the TTL deletes it', async () => {
    const start = Date.now();
    const eventId = randomUUID();
    const { handler, calls } = counter();
    await aGuard({ ttlSeconds: 60, now: () => start }).once(eventId, handler);

    const later = await aGuard({ ttlSeconds: 60, now: () => start + 61_000 }).once(eventId, handler);

    expect(later.executed).toBe(true);
    expect(calls()).toBe(2);
  });

  it('takes over an event whose handler died holding the lock, but fails one still within its lock', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const abandoned = randomUUID();
    const running = randomUUID();
    const marker = (eventId: string, lockedUntil: number) =>
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `evt#test.consumer#${eventId}`,
          expiresAt: nowSeconds + 3600,
          status: 'in-progress',
          lockedUntil,
          owner: 'crashed',
        },
      });
    await documents.send(marker(abandoned, nowSeconds - 1));
    await documents.send(marker(running, nowSeconds + 300));
    const guard = aGuard();
    const { handler, calls } = counter();

    const takenOver = await guard.once(abandoned, async () => 'recovered');
    const inProgress = guard.once(running, handler);

    expect(takenOver).toEqual({ executed: true, result: 'recovered' });
    await expect(inProgress).rejects.toMatchObject({
      name: 'EventInProgressError',
      eventId: running,
      lockedUntil: nowSeconds + 300,
    });
    expect(calls()).toBe(0);
  });

  describe('repeatable', () => {
    it('handles an event once across redeliveries, leaving a done marker and no lock', async () => {
      const guard = aGuard({ repeatable: true });
      const eventId = randomUUID();
      const { handler } = counter();

      const first = await guard.once(eventId, handler);
      const second = await eventually(async () => {
        const outcome = await guard.once(eventId, handler);
        // The marker is read eventually consistent: a redelivery right after may run again (harmless here).
        if (outcome.executed) throw new Error('not yet seen done');
        return outcome;
      });

      expect(first).toEqual({ executed: true, result: 1 });
      expect(second).toEqual({ executed: false });
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: `evt#test.consumer#${eventId}` },
          ConsistentRead: true,
        }),
      );
      expect(Item).toEqual({
        pk: `evt#test.consumer#${eventId}`,
        expiresAt: expect.any(Number),
        status: 'done',
      });
    });

    it('writes nothing when the work fails, so the retry after a crash runs it', async () => {
      const guard = aGuard({ repeatable: true });
      const eventId = randomUUID();

      await expect(guard.once(eventId, () => Promise.reject(new Error('crashed mid-work')))).rejects.toThrow(
        'crashed mid-work',
      );
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: `evt#test.consumer#${eventId}` },
          ConsistentRead: true,
        }),
      );
      const retry = await guard.once(eventId, async () => 'done at last');

      expect(Item).toBeUndefined();
      expect(retry).toEqual({ executed: true, result: 'done at last' });
    });

    it('skips an event a locked delivery of the same consumer marked done (a consumer switching modes)', async () => {
      const eventId = randomUUID();
      const { handler } = counter();
      await aGuard().once(eventId, handler);

      const outcome = await eventually(async () => {
        const result = await aGuard({ repeatable: true }).once(eventId, handler);
        if (result.executed) throw new Error('not yet seen done');
        return result;
      });

      expect(outcome).toEqual({ executed: false });
    });
  });
});
