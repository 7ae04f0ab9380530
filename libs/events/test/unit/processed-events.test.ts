import type { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '@chat/aws';
import {
  DEFAULT_CONSUMER_TIMEOUT_SECONDS,
  PROCESSED_EVENT_TTL_SECONDS,
  processedEventsGuards,
} from '../../src/index';

describe('processedEventsGuards', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  /** Records the marker each delivery writes on the document client, without a table. */
  function recordMarkers() {
    const puts: PutCommand['input'][] = [];
    jest.spyOn(documentClient(), 'send').mockImplementation(async (command: { input: unknown }) => {
      if ((command.input as PutCommand['input']).Item) puts.push(command.input as PutCommand['input']);
      return {};
    });
    return puts;
  }

  it("guards each consumer on the service's processed-events table, for a week, locked for the default timeout", async () => {
    process.env.GUARD_TABLE = 'processed-dev';
    const puts = recordMarkers();
    const guard = processedEventsGuards(() => 'GUARD_TABLE')('rooms.remember-user');

    const outcome = await guard().once('e-1', async () => 'done');

    expect(outcome).toEqual({ executed: true, result: 'done' });
    expect(guard()).toBe(guard());
    expect(PROCESSED_EVENT_TTL_SECONDS).toBe(7 * 24 * 3600);
    const marker = puts[0];
    expect(marker?.TableName).toBe('processed-dev');
    expect(marker?.Item?.pk).toBe('evt#rooms.remember-user#e-1');
    expect(marker?.Item?.expiresAt - marker?.Item?.lockedUntil).toBe(
      PROCESSED_EVENT_TTL_SECONDS - DEFAULT_CONSUMER_TIMEOUT_SECONDS,
    );
  });

  it("locks a delivery for the consumers' timeout when given, read when the guard is built", async () => {
    process.env.GUARD_TABLE = 'processed-dev';
    const puts = recordMarkers();
    const lockSeconds = jest.fn(() => 30);
    const guard = processedEventsGuards(() => 'GUARD_TABLE', { lockSeconds })('realtime.fan-out');

    expect(lockSeconds).not.toHaveBeenCalled();
    await guard().once('e-2', async () => undefined);

    expect(puts[0]?.Item?.expiresAt - puts[0]?.Item?.lockedUntil).toBe(PROCESSED_EVENT_TTL_SECONDS - 30);
  });

  it('gives a repeatable consumer a guard without a lock: one put, of done, after the work', async () => {
    process.env.GUARD_TABLE = 'processed-dev';
    const puts = recordMarkers();
    const guard = processedEventsGuards(() => 'GUARD_TABLE')('realtime.fan-out-room', { repeatable: true });

    await guard().once('e-3', async () => undefined);

    expect(puts[0]?.Item).toEqual({
      pk: 'evt#realtime.fan-out-room#e-3',
      expiresAt: expect.any(Number),
      status: 'done',
    });
  });

  it('fails when first used, naming the variable, if the table is not configured', () => {
    delete process.env.GUARD_TABLE;
    const guard = processedEventsGuards(() => 'GUARD_TABLE')('notifications.notify');

    expect(() => guard()).toThrow(/GUARD_TABLE/);
  });
});
