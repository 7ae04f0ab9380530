// A unit test: EventBridge is replaced by a recording double (test/support/eventbridge-double.ts) so
// that batching, retry and failure reporting are checked without a network. The real client against
// the local stack's EventBridge endpoint is covered in test/integration/event-publisher.test.ts.
import {
  ContractViolationError,
  createEventPublisher,
  entrySize,
  type EventPublisherOptions,
  maxBytesPerCall,
} from '../../src/index';
import { aMessageSentEvent, aMessageSentEventOfAtLeast, aRecordingLogger } from '../support/builders';
import { createEventBridgeDouble, eventIdOf, resultsWithFailures } from '../support/eventbridge-double';

function aPublisher(client: EventPublisherOptions['client'], overrides: Partial<EventPublisherOptions> = {}) {
  const sleeps: number[] = [];
  const { logger, lines } = aRecordingLogger();
  const publisher = createEventPublisher({
    client,
    eventBusName: 'chat-test',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    logger,
    ...overrides,
  });
  return { publisher, sleeps, lines };
}

describe('createEventPublisher', () => {
  it('sends each event as an entry: Source, DetailType, the envelope as Detail, the bus and occurredAt as Time', async () => {
    const { client, calls } = createEventBridgeDouble();
    const { publisher } = aPublisher(client);
    const event = aMessageSentEvent();

    const result = await publisher.publish([event]);

    expect(result.failed).toEqual([]);
    expect(calls).toHaveLength(1);
    const [entry] = calls[0] ?? [];
    expect(entry).toMatchObject({
      Source: 'chat.messaging',
      DetailType: 'MessageSent',
      EventBusName: 'chat-test',
      Time: new Date(event.metadata.occurredAt),
    });
    expect(JSON.parse(entry?.Detail ?? '')).toEqual(event);
  });

  it('sends nothing and throws a ContractViolationError naming the event and field when one event is invalid', async () => {
    const { client, calls } = createEventBridgeDouble();
    const { publisher } = aPublisher(client);
    const bad = aMessageSentEvent({ senderId: '' });

    const publishing = publisher.publish([aMessageSentEvent(), bad]);

    await expect(publishing).rejects.toThrow(ContractViolationError);
    await expect(publishing).rejects.toThrow(
      `MessageSent v1 ${bad.metadata.eventId}: data.senderId: Too small`,
    );
    expect(calls).toHaveLength(0);
  });

  it('sends 11 entries in two calls of 10 and 1', async () => {
    const { client, calls } = createEventBridgeDouble();
    const { publisher } = aPublisher(client);
    const events = Array.from({ length: 11 }, () => aMessageSentEvent());

    const result = await publisher.publish(events);

    expect(result.failed).toEqual([]);
    expect(calls.map((c) => c.length)).toEqual([10, 1]);
    expect(calls.flat().map(eventIdOf)).toEqual(events.map((e) => e.metadata.eventId));
  });

  it('splits a 300 KB set of entries so that no call carries more than 256 KB', async () => {
    const { client, calls } = createEventBridgeDouble();
    const { publisher } = aPublisher(client);
    const events = Array.from({ length: 3 }, () => aMessageSentEventOfAtLeast(100 * 1024));

    const result = await publisher.publish(events);

    const sizes = calls.map((call) => call.reduce((sum, entry) => sum + entrySize(entry), 0));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(300 * 1024);
    expect(result.failed).toEqual([]);
    expect(calls.map((c) => c.length)).toEqual([2, 1]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxBytesPerCall);
  });

  it('reports an entry over 256 KB as failed without sending it, and still sends the others', async () => {
    const { client, calls } = createEventBridgeDouble();
    const { publisher } = aPublisher(client);
    const huge = aMessageSentEventOfAtLeast(260 * 1024);
    const small = aMessageSentEvent();

    const result = await publisher.publish([huge, small]);

    expect(result.failed).toEqual([
      { event: huge, errorCode: 'EntryTooLarge', errorMessage: expect.stringContaining('at most 262144') },
    ]);
    expect(calls.flat().map(eventIdOf)).toEqual([small.metadata.eventId]);
  });

  it('resends only the entries PutEvents reported failed, after a backoff', async () => {
    const events = Array.from({ length: 5 }, () => aMessageSentEvent());
    const flaky = new Set([events[1]?.metadata.eventId, events[3]?.metadata.eventId]);
    const { client, calls } = createEventBridgeDouble((entries, call) =>
      resultsWithFailures(entries, (entry) => call === 0 && flaky.has(eventIdOf(entry))),
    );
    const { publisher, sleeps } = aPublisher(client, { baseDelayMs: 100 });

    const result = await publisher.publish(events);

    expect(result.failed).toEqual([]);
    expect(calls.map((c) => c.map(eventIdOf))).toEqual([
      events.map((e) => e.metadata.eventId),
      [events[1]?.metadata.eventId, events[3]?.metadata.eventId],
    ]);
    expect(sleeps).toEqual([75]);
  });

  it('gives up after maxAttempts with growing backoff and reports the last error of each entry', async () => {
    const events = [aMessageSentEvent(), aMessageSentEvent()];
    const { client, calls } = createEventBridgeDouble((entries) =>
      resultsWithFailures(entries, (_entry, i) => i === 0, 'ThrottlingException'),
    );
    const { publisher, sleeps, lines } = aPublisher(client, {
      maxAttempts: 3,
      baseDelayMs: 100,
      random: () => 0,
    });

    const result = await publisher.publish(events);

    expect(calls.map((c) => c.length)).toEqual([2, 1, 1]);
    expect(sleeps).toEqual([50, 100]);
    expect(result.failed).toEqual([
      { event: events[0], errorCode: 'ThrottlingException', errorMessage: 'ThrottlingException (test)' },
    ]);
    expect(lines.find((l) => l.message === 'events not published')).toMatchObject({
      level: 'error',
      failed: [{ eventId: events[0]?.metadata.eventId, errorCode: 'ThrottlingException' }],
    });
  });

  it('does not resend entries failed with a permanent error code', async () => {
    const events = [aMessageSentEvent(), aMessageSentEvent()];
    const { client, calls } = createEventBridgeDouble((entries) =>
      resultsWithFailures(entries, (_entry, i) => i === 1, 'MalformedDetail'),
    );
    const { publisher, sleeps } = aPublisher(client);

    const result = await publisher.publish(events);

    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.failed.map((f) => [f.event, f.errorCode])).toEqual([[events[1], 'MalformedDetail']]);
  });

  it('repeats a whole call that threw a retryable error', async () => {
    const events = [aMessageSentEvent(), aMessageSentEvent()];
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    const { client, calls } = createEventBridgeDouble((entries, call) =>
      call === 0 ? throttled : resultsWithFailures(entries, () => false),
    );
    const { publisher, sleeps } = aPublisher(client);

    const result = await publisher.publish(events);

    expect(result.failed).toEqual([]);
    expect(calls.map((c) => c.length)).toEqual([2, 2]);
    expect(sleeps).toHaveLength(1);
  });

  it('reports every entry of a call that threw a non-retryable error, without repeating it', async () => {
    const events = [aMessageSentEvent(), aMessageSentEvent()];
    const denied = Object.assign(new Error('not allowed'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    const { client, calls } = createEventBridgeDouble(() => denied);
    const { publisher } = aPublisher(client);

    const result = await publisher.publish(events);

    expect(calls).toHaveLength(1);
    expect(result.failed).toEqual(
      events.map((event) => ({ event, errorCode: 'AccessDeniedException', errorMessage: 'not allowed' })),
    );
  });

  it('reports failures in the order the events were given, across batches', async () => {
    const events = Array.from({ length: 12 }, () => aMessageSentEvent());
    const doomed = new Set([events[11], events[2]].map((e) => e?.metadata.eventId));
    const { client } = createEventBridgeDouble((entries) =>
      resultsWithFailures(entries, (entry) => doomed.has(eventIdOf(entry)), 'InvalidArgument'),
    );
    const { publisher } = aPublisher(client);

    const result = await publisher.publish(events);

    expect(result.failed.map((f) => f.event)).toEqual([events[2], events[11]]);
  });

  it('publishes nothing for an empty list', async () => {
    const { client, calls } = createEventBridgeDouble();
    const { publisher } = aPublisher(client);

    await expect(publisher.publish([])).resolves.toEqual({ failed: [] });
    expect(calls).toHaveLength(0);
  });
});
