import type { EventBridgeEvent } from 'aws-lambda';
import type { IdempotencyGuard } from '@chat/events';
import { eventConsumer } from '../../../src/handlers/event-consumer';
import { aCapturingLogger, anEventBridgeEvent } from '../../support/builders';

/** A guard that remembers handled ids in memory, as the DynamoDB one does. */
function aMemoryGuard(): IdempotencyGuard {
  const done = new Set<string>();
  return {
    async once(eventId, fn) {
      if (done.has(eventId)) return { executed: false };
      const result = await fn();
      done.add(eventId);
      return { executed: true, result };
    },
  };
}

const event = anEventBridgeEvent(
  'chat.test',
  'Thing',
  { n: 1 },
  { eventId: 'e-1', correlationId: 'c-1' },
) as EventBridgeEvent<string, unknown>;

describe('eventConsumer', () => {
  it('runs the use case once per eventId and logs the outcome with the correlation', async () => {
    const runs: unknown[] = [];
    const { logger, lines } = aCapturingLogger();
    const guard = aMemoryGuard();
    const handler = eventConsumer(
      { name: 'test', guard: () => guard, logger },
      (e) => ({ eventId: 'e-1', correlationId: 'c-1', input: (e.detail as { data: unknown }).data }),
      async (input) => {
        runs.push(input);
        return { sent: 1 };
      },
    );

    await handler(event);
    await handler(event);

    expect(runs).toEqual([{ n: 1 }]);
    expect(lines.map((l) => l.message)).toEqual(['event handled', 'duplicate delivery skipped']);
    expect(lines[0]).toMatchObject({ eventId: 'e-1', correlationId: 'c-1', eventType: 'Thing', sent: 1 });
  });

  it('rethrows a failure of the use case (so the event is delivered again) after logging it', async () => {
    const { logger, lines } = aCapturingLogger();
    const handler = eventConsumer(
      { name: 'test', guard: () => aMemoryGuard(), logger },
      () => ({ eventId: 'e-1', correlationId: 'c-1', input: undefined }),
      () => Promise.reject(new Error('post failed')),
    );

    await expect(handler(event)).rejects.toThrow('post failed');
    expect(lines[0]).toMatchObject({ level: 'error', message: 'event not handled, to be retried' });
  });
});
