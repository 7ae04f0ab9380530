import {
  ContractViolationError,
  contractReader,
  EventInProgressError,
  eventConsumer,
  type IdempotencyGuard,
  type IncomingEventBridgeEvent,
  messageSentContract,
  userRegisteredContract,
} from '../../src/index';
import { recordingMetrics } from '@chat/runtime';
import { aMessageSentEvent, aRecordingLogger } from '../support/builders';

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

const event: IncomingEventBridgeEvent = {
  source: 'chat.test',
  'detail-type': 'Thing',
  detail: { metadata: { eventId: 'e-1', correlationId: 'c-1' }, data: { n: 1 } },
};

/** A MessageSent as EventBridge delivers it to a target. */
function aDelivery(envelope = aMessageSentEvent()): IncomingEventBridgeEvent {
  return {
    id: 'eb-1',
    source: messageSentContract.source,
    'detail-type': messageSentContract.detailType,
    detail: envelope,
  };
}

describe('eventConsumer', () => {
  it('runs the use case once per eventId and logs the outcome with the correlation', async () => {
    const runs: unknown[] = [];
    const { logger, lines } = aRecordingLogger();
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

  it('records the event’s age at delivery and counts a failure as ConsumerFailures', async () => {
    const metrics = recordingMetrics();
    const { logger } = aRecordingLogger();
    const occurredAt = '2026-01-01T00:00:00.000Z';
    const aged = {
      ...event,
      detail: { metadata: { eventId: 'e-2', correlationId: 'c-2', occurredAt }, data: {} },
    };
    const now = () => Date.parse(occurredAt) + 1_500;
    const ok = eventConsumer(
      { name: 'test', logger, metrics, now },
      () => ({ eventId: 'e-2', correlationId: 'c-2', input: 1 }),
      async () => undefined,
    );
    const failing = eventConsumer(
      { name: 'test', logger, metrics, now },
      () => ({ eventId: 'e-2', correlationId: 'c-2', input: 1 }),
      () => Promise.reject(new Error('boom')),
    );

    await ok(aged);
    await expect(failing(aged)).rejects.toThrow('boom');
    await ok(event); // no occurredAt: no age

    expect(metrics.recorded.EventAge).toEqual([1_500, 1_500]);
    expect(metrics.recorded.ConsumerFailures).toEqual([1]);
  });

  it('rethrows a failure of the use case (so the event is delivered again) after logging it', async () => {
    const { logger, lines } = aRecordingLogger();
    const handler = eventConsumer(
      { name: 'test', guard: () => aMemoryGuard(), logger },
      () => ({ eventId: 'e-1', correlationId: 'c-1', input: undefined }),
      () => Promise.reject(new Error('post failed')),
    );

    await expect(handler(event)).rejects.toThrow('post failed');
    expect(lines[0]).toMatchObject({ level: 'error', message: 'event not handled, to be retried' });
  });

  it('fails a delivery another one is handling, logged as a retryable warning, not an error', async () => {
    let runs = 0;
    const { logger, lines } = aRecordingLogger();
    const busy: IdempotencyGuard = {
      once: () => Promise.reject(new EventInProgressError('test', 'e-1', 1_900_000_000)),
    };
    const handler = eventConsumer(
      { name: 'test', guard: () => busy, logger },
      () => ({ eventId: 'e-1', correlationId: 'c-1', input: undefined }),
      async () => {
        runs += 1;
      },
    );

    await expect(handler(event)).rejects.toBeInstanceOf(EventInProgressError);
    expect(runs).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'event in progress in another delivery, to be retried',
        eventId: 'e-1',
        lockedUntil: 1_900_000_000,
      }),
    ]);
  });

  it('runs the use case on every delivery when it has no guard', async () => {
    let runs = 0;
    const { logger, lines } = aRecordingLogger();
    const handler = eventConsumer(
      { name: 'test', logger },
      () => ({ eventId: 'e-1', correlationId: 'c-1', input: undefined, context: { userId: 'u-1' } }),
      async () => {
        runs += 1;
      },
    );

    await handler(event);
    await handler(event);

    expect(runs).toBe(2);
    expect(lines[1]).toMatchObject({ message: 'event handled', eventId: 'e-1', userId: 'u-1' });
  });
});

describe('contractReader', () => {
  it('gives the use case the typed envelope and logs with its metadata and the ids asked for', async () => {
    const envelope = aMessageSentEvent({ roomId: 'room-7' });
    const { logger, lines } = aRecordingLogger();
    const seen: string[] = [];
    const handler = eventConsumer(
      { name: 'test', logger },
      contractReader(messageSentContract, ({ data }) => ({ roomId: data.roomId })),
      async ({ data, metadata }) => {
        seen.push(`${metadata.eventId}:${data.messageId}`);
      },
    );

    await handler(aDelivery(envelope));

    expect(seen).toEqual([`${envelope.metadata.eventId}:${envelope.data.messageId}`]);
    expect(lines[0]).toMatchObject({
      eventId: envelope.metadata.eventId,
      correlationId: envelope.metadata.correlationId,
      eventType: 'MessageSent',
      roomId: 'room-7',
    });
  });

  it('picks the contract of the event’s detail-type among several', async () => {
    const seen: string[] = [];
    const handler = eventConsumer(
      { name: 'test', logger: aRecordingLogger().logger },
      contractReader([userRegisteredContract, messageSentContract]),
      async ({ metadata }) => {
        seen.push(metadata.eventType);
      },
    );

    await handler(aDelivery());

    expect(seen).toEqual(['MessageSent']);
  });

  it('fails the delivery on a contract break, before the use case runs', async () => {
    let runs = 0;
    const handler = eventConsumer(
      { name: 'test', guard: () => aMemoryGuard(), logger: aRecordingLogger().logger },
      contractReader(messageSentContract),
      async () => {
        runs += 1;
      },
    );

    await expect(handler({ ...aDelivery(), detail: { metadata: {}, data: {} } })).rejects.toBeInstanceOf(
      ContractViolationError,
    );
    expect(runs).toBe(0);
  });
});
