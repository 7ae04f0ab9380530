import { randomUUID } from 'node:crypto';

import {
  DescribeEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';

import {
  startEventBridge,
  type EventBridgeRule,
  type PublishedEvent,
  type RunningEventBridge,
} from '../../../src/cloud/eventbridge';

const ACCOUNT_ID = '000000000000';
const REGION = 'us-east-1';

const rules: EventBridgeRule[] = [
  {
    name: 'message-sent-fan-out',
    eventBusName: 'default',
    pattern: { source: ['chat.messaging'], 'detail-type': ['MessageSent'] },
    targets: ['realtime.fanOut'],
  },
  {
    name: 'message-sent-with-mentions',
    eventBusName: 'default',
    pattern: {
      source: ['chat.messaging'],
      'detail-type': ['MessageSent'],
      detail: { data: { mentions: [{ exists: true }] } },
    },
    targets: ['notifications.onMention'],
  },
  {
    name: 'user-joined',
    eventBusName: 'chat',
    pattern: { source: ['chat.rooms'], 'detail-type': ['UserJoined'] },
    targets: ['messaging.onUserJoined'],
  },
  {
    name: 'always-failing',
    eventBusName: 'default',
    pattern: { source: ['test.failing'] },
    targets: ['test.alwaysFails'],
  },
];

interface Invocation {
  name: string;
  event: Record<string, unknown>;
}

let server: RunningEventBridge;
let client: EventBridgeClient;
let invocations: Invocation[];
let logLines: string[];
let blockInvocations: Promise<void> | undefined;

beforeEach(async () => {
  invocations = [];
  logLines = [];
  blockInvocations = undefined;
  server = await startEventBridge({
    port: 0,
    region: REGION,
    accountId: ACCOUNT_ID,
    rules,
    retryDelaysMs: [10, 20],
    log: (line) => logLines.push(line),
    invoke: async (name, event) => {
      invocations.push({ name, event: event as Record<string, unknown> });
      if (blockInvocations) await blockInvocations;
      if (name === 'test.alwaysFails') throw new Error('handler exploded');
      return undefined;
    },
  });
  client = new EventBridgeClient({
    endpoint: server.url,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

function aMessageSent(
  data: Record<string, unknown> = {},
  overrides: Partial<PutEventsRequestEntry> = {},
): PutEventsRequestEntry {
  return {
    Source: 'chat.messaging',
    DetailType: 'MessageSent',
    Detail: JSON.stringify({
      metadata: { eventId: randomUUID(), version: 1 },
      data: { roomId: 'r1', mentions: [], ...data },
    }),
    ...overrides,
  };
}

async function localEvents(query: string): Promise<PublishedEvent[]> {
  const response = await fetch(`${server.url}/_local/events${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: PublishedEvent[] };
  return body.items;
}

async function setFaults(method: 'POST' | 'DELETE', body?: unknown): Promise<Response> {
  return fetch(`${server.url}/_local/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('local EventBridge server', () => {
  it('delivers an accepted event to the matching rule target in the EventBridge event shape', async () => {
    // Arrange
    const entry = aMessageSent({ text: 'hi' });

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry] }));
    await server.waitForIdle();

    // Assert
    expect(result.FailedEntryCount).toBe(0);
    const eventId = result.Entries?.[0]?.EventId;
    expect(eventId).toEqual(expect.any(String));
    expect(invocations).toEqual([
      {
        name: 'realtime.fanOut',
        event: {
          version: '0',
          id: eventId,
          'detail-type': 'MessageSent',
          source: 'chat.messaging',
          account: ACCOUNT_ID,
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          region: REGION,
          resources: [],
          detail: JSON.parse(entry.Detail ?? '') as unknown,
        },
      },
    ]);
  });

  it('does not invoke the targets of rules that do not match', async () => {
    // Arrange
    const withoutMentions = aMessageSent({ mentions: [] });
    const withMentions = aMessageSent({ mentions: ['u2'] });

    // Act
    await client.send(new PutEventsCommand({ Entries: [withoutMentions] }));
    await server.waitForIdle();
    const afterNoMentions = invocations.map((call) => call.name);
    await client.send(new PutEventsCommand({ Entries: [withMentions] }));
    await server.waitForIdle();

    // Assert
    expect(afterNoMentions).toEqual(['realtime.fanOut']);
    expect(invocations.map((call) => call.name).sort()).toEqual([
      'notifications.onMention',
      'realtime.fanOut',
      'realtime.fanOut',
    ]);
  });

  it('routes an entry to the rules of the bus named by its EventBusName ARN', async () => {
    // Arrange
    const entry: PutEventsRequestEntry = {
      Source: 'chat.rooms',
      DetailType: 'UserJoined',
      Detail: JSON.stringify({ data: { roomId: 'r1', userId: 'u1' } }),
      EventBusName: `arn:aws:events:${REGION}:${ACCOUNT_ID}:event-bus/chat`,
    };

    // Act
    await client.send(new PutEventsCommand({ Entries: [entry, { ...entry, EventBusName: undefined }] }));
    await server.waitForIdle();

    // Assert
    expect(invocations.map((call) => call.name)).toEqual(['messaging.onUserJoined']);
  });

  it('answers PutEvents without waiting for the targets', async () => {
    // Arrange
    let release: () => void = () => undefined;
    blockInvocations = new Promise<void>((resolve) => (release = resolve));

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [aMessageSent()] }));
    const [pending] = await localEvents('?detailType=MessageSent');
    release();
    await server.waitForIdle();
    const [done] = await localEvents('?detailType=MessageSent');

    // Assert
    expect(result.FailedEntryCount).toBe(0);
    expect(pending?.deliveries).toEqual([
      {
        rule: 'message-sent-fan-out',
        target: 'realtime.fanOut',
        status: 'pending',
        attempts: expect.any(Number),
      },
    ]);
    expect(done?.deliveries).toEqual([
      { rule: 'message-sent-fan-out', target: 'realtime.fanOut', status: 'succeeded', attempts: 1 },
    ]);
  });

  it('rejects a request with 11 entries with a ValidationException', async () => {
    // Arrange
    const entries = Array.from({ length: 11 }, () => aMessageSent());

    // Act
    const outcome = client.send(new PutEventsCommand({ Entries: entries }));

    // Assert
    await expect(outcome).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 10'),
      $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    });
    expect(server.published()).toEqual([]);
  });

  it('rejects a request over 256 KB with a ValidationException', async () => {
    // Arrange
    const big = aMessageSent({ text: 'x'.repeat(200 * 1024) });

    // Act
    const outcome = client.send(new PutEventsCommand({ Entries: [big, big] }));

    // Assert
    await expect(outcome).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });

  it('reports invalid entries one by one while accepting the valid ones', async () => {
    // Arrange
    const entries: PutEventsRequestEntry[] = [
      aMessageSent(),
      { DetailType: 'MessageSent', Detail: '{}' },
      aMessageSent({}, { Detail: '{not json' }),
      aMessageSent({}, { Detail: undefined }),
      aMessageSent(),
    ];

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: entries }));
    await server.waitForIdle();

    // Assert
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries).toEqual([
      { EventId: expect.any(String) },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { EventId: expect.any(String) },
    ]);
    expect(server.published().map((published) => published.event.id)).toEqual([
      result.Entries?.[0]?.EventId,
      result.Entries?.[4]?.EventId,
    ]);
    expect(invocations).toHaveLength(2);
  });

  it('fails the next entries as injected through POST /_local/faults, until they are used up', async () => {
    // Arrange
    const armed = await setFaults('POST', { failNextEntries: 2, errorCode: 'InternalFailure' });

    // Act
    const first = await client.send(
      new PutEventsCommand({ Entries: [aMessageSent(), aMessageSent(), aMessageSent()] }),
    );
    const second = await client.send(new PutEventsCommand({ Entries: [aMessageSent()] }));
    await server.waitForIdle();

    // Assert
    expect(armed.status).toBe(200);
    expect(first.FailedEntryCount).toBe(2);
    expect(first.Entries?.map((entry) => entry.ErrorCode ?? 'ok')).toEqual([
      'InternalFailure',
      'InternalFailure',
      'ok',
    ]);
    expect(first.Entries?.[0]?.EventId).toBeUndefined();
    expect(second.FailedEntryCount).toBe(0);
    expect(server.published()).toHaveLength(2);
  });

  it('stops injecting failures after DELETE /_local/faults', async () => {
    // Arrange
    await setFaults('POST', { failNextEntries: 5, errorCode: 'ThrottlingException' });

    // Act
    const cleared = await setFaults('DELETE');
    const result = await client.send(new PutEventsCommand({ Entries: [aMessageSent()] }));

    // Assert
    expect(cleared.status).toBe(200);
    expect(result.FailedEntryCount).toBe(0);
  });

  it('answers 400 to an invalid fault request', async () => {
    // Act
    const response = await setFaults('POST', { failNextEntries: -1 });

    // Assert
    expect(response.status).toBe(400);
  });

  it('retries a target that throws twice, then records and logs the failure', async () => {
    // Arrange
    const entry: PutEventsRequestEntry = {
      Source: 'test.failing',
      DetailType: 'Anything',
      Detail: '{"n":1}',
    };

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry] }));
    await server.waitForIdle();
    const items = await localEvents('?source=test.failing');

    // Assert
    const eventId = result.Entries?.[0]?.EventId ?? '';
    expect(invocations.map((call) => call.name)).toEqual([
      'test.alwaysFails',
      'test.alwaysFails',
      'test.alwaysFails',
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]?.matchedRules).toEqual(['always-failing']);
    expect(items[0]?.deliveries).toEqual([
      {
        rule: 'always-failing',
        target: 'test.alwaysFails',
        status: 'failed',
        attempts: 3,
        error: 'Error: handler exploded',
      },
    ]);
    expect(logLines.some((line) => line.includes('FAILED') && line.includes(eventId))).toBe(true);
  });

  it('filters GET /_local/events by detailType and source', async () => {
    // Arrange
    await client.send(
      new PutEventsCommand({
        Entries: [
          aMessageSent(),
          aMessageSent({}, { DetailType: 'MessageEdited' }),
          { Source: 'chat.rooms', DetailType: 'MessageSent', Detail: '{}' },
        ],
      }),
    );
    await server.waitForIdle();

    // Act
    const all = await localEvents('');
    const sent = await localEvents('?detailType=MessageSent');
    const sentByMessaging = await localEvents('?detailType=MessageSent&source=chat.messaging');
    const none = await localEvents('?source=chat.unknown');

    // Assert
    expect(all).toHaveLength(3);
    expect(sent.map((item) => item.event.source)).toEqual(['chat.messaging', 'chat.rooms']);
    expect(sentByMessaging).toHaveLength(1);
    expect(sentByMessaging[0]?.event['detail-type']).toBe('MessageSent');
    expect(none).toEqual([]);
  });

  it('describes its buses and lists the rules of a bus', async () => {
    // Act
    const bus = await client.send(new DescribeEventBusCommand({ Name: 'chat' }));
    const listed = await client.send(
      new ListRulesCommand({ EventBusName: 'default', NamePrefix: 'message-sent' }),
    );
    const missing = client.send(new DescribeEventBusCommand({ Name: 'nope' }));

    // Assert
    expect(bus).toMatchObject({ Name: 'chat', Arn: `arn:aws:events:${REGION}:${ACCOUNT_ID}:event-bus/chat` });
    expect(listed.Rules?.map((rule) => rule.Name)).toEqual([
      'message-sent-fan-out',
      'message-sent-with-mentions',
    ]);
    expect(JSON.parse(listed.Rules?.[0]?.EventPattern ?? '')).toEqual(rules[0]?.pattern);
    await expect(missing).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('routes with the rules given to setRules and refuses invalid ones', async () => {
    // Arrange
    const onlyEdits: EventBridgeRule = {
      name: 'only-edits',
      eventBusName: 'default',
      pattern: { 'detail-type': ['MessageEdited'] },
      targets: ['realtime.onEdit'],
    };

    // Act
    server.setRules([onlyEdits]);
    const invalid = () => server.setRules([{ ...onlyEdits, pattern: { source: 'not-an-array' } }]);
    await client.send(
      new PutEventsCommand({ Entries: [aMessageSent(), aMessageSent({}, { DetailType: 'MessageEdited' })] }),
    );
    await server.waitForIdle();

    // Assert
    expect(invalid).toThrow('must be an object or an array');
    expect(invocations.map((call) => call.name)).toEqual(['realtime.onEdit']);
  });
});
