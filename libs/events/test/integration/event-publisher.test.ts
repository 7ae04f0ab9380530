import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import {
  startEventBridge,
  type EventBridgeEvent,
  type PublishedEvent,
  type RunningEventBridge,
} from '@chat/local';
import { busEvents, eventually, LOCAL_CREDENTIALS } from '@chat/testing';
import {
  createEventPublisher,
  type EventEnvelope,
  type EventPublisherOptions,
  eventPattern,
  messageSentContract,
  parseEvent,
} from '../../src/index';
import { aMessageSentEvent, aMessageSentEventOfAtLeast, aRecordingLogger } from '../support/builders';

// The publisher with the real @aws-sdk/client-eventbridge over real HTTP, against the local stack's
// EventBridge endpoint (started here on a free loopback port). Each test tags its events with its own
// roomId and reads back only those.

const region = 'us-east-1';
const eventBusName = 'chat-test';
let eventBridge: RunningEventBridge;
let client: EventBridgeClient;
const delivered: EventBridgeEvent[] = [];

beforeAll(async () => {
  eventBridge = await startEventBridge({
    port: 0,
    region,
    accountId: '000000000000',
    rules: [
      {
        name: 'message-sent-v1-to-consumer',
        eventBusName,
        pattern: eventPattern(messageSentContract),
        targets: ['test.consumer'],
      },
    ],
    invoke: async (_name, event) => {
      delivered.push(event as EventBridgeEvent);
      return undefined;
    },
    log: () => undefined,
  });
  client = new EventBridgeClient({
    endpoint: eventBridge.url,
    region,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  client.destroy();
  await eventBridge.close();
});

afterEach(async () => {
  await fetch(`${eventBridge.url}/_local/faults`, { method: 'DELETE' });
});

function aPublisher(overrides: Partial<EventPublisherOptions> = {}) {
  const { logger, lines } = aRecordingLogger();
  return {
    publisher: createEventPublisher({ client, eventBusName, baseDelayMs: 5, logger, ...overrides }),
    lines,
  };
}

async function injectFaults(failNextEntries: number, errorCode: string) {
  const response = await fetch(`${eventBridge.url}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ failNextEntries, errorCode }),
  });
  expect(response.status).toBe(200);
}

/** The events EventBridge accepted for one room, read over its local HTTP route. */
async function acceptedFor(roomId: string): Promise<PublishedEvent[]> {
  const items = await busEvents<{ roomId: string }>('MessageSent', eventBridge.url);
  return items.filter((item) => item.event.detail.data.roomId === roomId);
}

const eventIds = (events: Array<{ metadata: { eventId: string } }>) =>
  events.map((e) => e.metadata.eventId).sort();
const acceptedIds = (items: PublishedEvent[]) =>
  items.map((item) => (item.event.detail as unknown as EventEnvelope).metadata.eventId).sort();

describe('event publisher against the local EventBridge', () => {
  it('publishes 11 events (the endpoint refuses over 10 per call), which a rule delivers and a consumer parses', async () => {
    const roomId = randomUUID();
    const events = Array.from({ length: 11 }, () => aMessageSentEvent({ roomId }));
    const { publisher } = aPublisher();

    const result = await publisher.publish(events);

    expect(result.failed).toEqual([]);
    expect(acceptedIds(await acceptedFor(roomId))).toEqual(eventIds(events));
    const mine = await eventually(
      () => {
        const list = delivered.filter(
          (e) => (e.detail as unknown as EventEnvelope<{ roomId: string }>).data.roomId === roomId,
        );
        return list.length === 11 ? list : undefined;
      },
      { timeoutMs: 5_000, intervalMs: 20, what: 'the 11 deliveries' },
    );
    const parsed = mine.map((event) => parseEvent(messageSentContract, event));
    expect(eventIds(parsed)).toEqual(eventIds(events));
    expect(mine[0]).toMatchObject({ source: 'chat.messaging', 'detail-type': 'MessageSent' });
  });

  it('splits about 300 KB of events into calls the endpoint accepts (it rejects a call over 256 KB)', async () => {
    const roomId = randomUUID();
    const events = Array.from({ length: 3 }, () => aMessageSentEventOfAtLeast(100 * 1024)).map((e) => ({
      ...e,
      data: { ...e.data, roomId },
    }));
    const { publisher } = aPublisher();

    const result = await publisher.publish(events);

    expect(result.failed).toEqual([]);
    expect(acceptedIds(await acceptedFor(roomId))).toEqual(eventIds(events));
  });

  it('resends only the entries PutEvents reported failed, so each event is accepted exactly once', async () => {
    const roomId = randomUUID();
    const events = Array.from({ length: 5 }, () => aMessageSentEvent({ roomId }));
    await injectFaults(2, 'InternalFailure');
    const { publisher, lines } = aPublisher();

    const result = await publisher.publish(events);

    expect(result.failed).toEqual([]);
    expect(acceptedIds(await acceptedFor(roomId))).toEqual(eventIds(events));
    expect(lines.filter((l) => l.message === 'retrying PutEvents entries')).toEqual([
      expect.objectContaining({ attempt: 1, entries: 2, errorCode: 'InternalFailure' }),
    ]);
  });

  it('gives up on an entry after maxAttempts and reports it as failed', async () => {
    const roomId = randomUUID();
    const event = aMessageSentEvent({ roomId });
    await injectFaults(4, 'ThrottlingException');
    const { publisher } = aPublisher({ maxAttempts: 3 });

    const result = await publisher.publish([event]);

    expect(result.failed).toEqual([
      { event, errorCode: 'ThrottlingException', errorMessage: expect.any(String) },
    ]);
    expect(await acceptedFor(roomId)).toEqual([]);
    const faults = (await (await fetch(`${eventBridge.url}/_local/faults`)).json()) as {
      failNextEntries: number;
    };
    expect(faults.failNextEntries).toBe(1);
  });

  it('does not resend an entry failed with a permanent error code', async () => {
    const roomId = randomUUID();
    const events = [aMessageSentEvent({ roomId }), aMessageSentEvent({ roomId })];
    await injectFaults(1, 'MalformedDetail');
    const { publisher, lines } = aPublisher();

    const result = await publisher.publish(events);

    expect(result.failed.map((f) => [f.event, f.errorCode])).toEqual([[events[0], 'MalformedDetail']]);
    expect(acceptedIds(await acceptedFor(roomId))).toEqual(eventIds(events.slice(1)));
    expect(lines.some((l) => l.message === 'retrying PutEvents entries')).toBe(false);
  });

  it('reports an entry over 256 KB without sending it', async () => {
    const roomId = randomUUID();
    const huge = aMessageSentEventOfAtLeast(257 * 1024);
    const events = [{ ...huge, data: { ...huge.data, roomId } }, aMessageSentEvent({ roomId })];
    const { publisher } = aPublisher();

    const result = await publisher.publish(events);

    expect(result.failed.map((f) => f.errorCode)).toEqual(['EntryTooLarge']);
    expect(acceptedIds(await acceptedFor(roomId))).toEqual(eventIds(events.slice(1)));
  });
});
