import type { InvocationCounts, UsageSnapshot } from '@chat/local';
import { referenceMonth, REFERENCE_MONTH } from '../../src/cost/month';
import { PRICES } from '../../src/cost/prices';
import { medianRun } from '../../src/cost/report';
import { costOf } from '../../src/cost/usage';
import { usageBetween } from '../../src/support/usage';

function aSnapshot(overrides: Partial<UsageSnapshot> = {}): UsageSnapshot {
  return {
    since: '2026-01-01T00:00:00.000Z',
    sandboxes: 0,
    cpu: { processMs: 0, mainThreadMs: 0, dynamodbLocalMs: 0 },
    dynamodb: { byOperation: {}, byTable: {}, byCall: {} },
    lambda: {},
    eventBridge: { putEventsRequests: 0, entries: 0 },
    webSocket: { connects: 0, clientMessages: 0, posts: 0 },
    http: { requests: 0 },
    sns: { publishes: 0 },
    ...overrides,
  };
}

const counts = (calls: number, readUnits: number, writeUnits: number) => ({
  calls,
  readUnits,
  writeUnits,
  conditionFailed: 0,
  itemsWritten: 0,
  errors: {},
  milliseconds: 0,
});

const invocations = (
  count: number,
  milliseconds: number,
  memoryMb: number,
  more: Partial<InvocationCounts> = {},
) => ({
  invocations: count,
  milliseconds,
  waitedMs: 0,
  errors: 0,
  memoryMb,
  cpuMs: 0,
  inits: 0,
  initCpuMs: 0,
  ...more,
});

describe('usageBetween', () => {
  it('is what happened between two snapshots: calls, writes, units, invocations and GB-seconds', () => {
    const before = aSnapshot({
      dynamodb: {
        byOperation: { GetItem: counts(5, 5, 0) },
        byTable: {},
        byCall: { 'GetItem users': counts(5, 5, 0) },
      },
      lambda: {
        'messaging.sendMessage': invocations(2, 100, 256, { cpuMs: 30, inits: 1, initCpuMs: 60 }),
      },
    });
    const after = aSnapshot({
      dynamodb: {
        byOperation: { GetItem: counts(6, 6, 0), PutItem: counts(2, 0, 3) },
        byTable: {},
        byCall: { 'GetItem users': counts(6, 6, 0), 'PutItem processed': counts(2, 0, 3) },
      },
      lambda: {
        'messaging.sendMessage': invocations(3, 1100, 256, { cpuMs: 45, inits: 2, initCpuMs: 130 }),
        'realtime.fanOutRoomEvent': invocations(1, 2500, 512, { waitedMs: 500 }),
      },
      webSocket: { connects: 0, clientMessages: 0, posts: 10 },
    });

    const usage = usageBetween(before, after);

    expect(usage.dynamodb).toMatchObject({ calls: 3, writes: 2, readUnits: 1, writeUnits: 3 });
    expect(Object.keys(usage.dynamodb.byCall)).toEqual(['GetItem users', 'PutItem processed']);
    expect(usage.invocations).toEqual({ 'messaging.sendMessage': 1, 'realtime.fanOutRoomEvent': 1 });
    // The fan-out's 500 ms in line for a sandbox are not billed.
    expect(usage.gbSeconds).toBeCloseTo(1 * 0.25 + 2 * 0.5);
    expect(usage.lambda['messaging.sendMessage']).toMatchObject({ cpuMs: 15, inits: 1, initCpuMs: 70 });
    expect(usage.webSocket.posts).toBe(10);
  });
});

describe('costOf', () => {
  it('prices units, invocations, entries, messages, requests and publishes at the list prices', () => {
    const usage = usageBetween(
      aSnapshot(),
      aSnapshot({
        dynamodb: { byOperation: { PutItem: counts(1, 0, 2) }, byTable: {}, byCall: {} },
        lambda: { 'a.b': invocations(1, 1000, 1024) },
        eventBridge: { putEventsRequests: 1, entries: 1 },
        webSocket: { connects: 1, clientMessages: 1, posts: 3 },
        http: { requests: 1 },
        sns: { publishes: 1 },
      }),
    );

    const cost = costOf(usage, 60);

    expect(cost.dynamoDb).toBeCloseTo(2 * PRICES.dynamoDbWriteRequestUnit);
    expect(cost.lambda).toBeCloseTo(PRICES.lambdaRequest);
    expect(cost.lambdaDuration).toBeCloseTo(PRICES.lambdaGbSecond);
    expect(cost.webSocket).toBeCloseTo(4 * PRICES.webSocketMessage + 60 * PRICES.webSocketConnectionMinute);
    expect(cost.total).toBeCloseTo(
      cost.dynamoDb +
        cost.lambda +
        cost.lambdaDuration +
        cost.eventBridge +
        cost.webSocket +
        cost.httpApi +
        cost.sns,
    );
  });
});

describe('referenceMonth', () => {
  it('multiplies each scenario by how often the month does it, and adds the connection minutes', () => {
    const message = usageBetween(aSnapshot(), aSnapshot({ http: { requests: 1 } }));

    const { lines, total } = referenceMonth(new Map([['message', message]]));

    const userDays = REFERENCE_MONTH.dailyActiveUsers * REFERENCE_MONTH.days;
    expect(lines.map((l) => l.scenario)).toEqual(['message', 'connection minutes']);
    expect(lines[0]?.count).toBe((REFERENCE_MONTH.perUserDay.message ?? 0) * userDays);
    expect(total.httpApi).toBeCloseTo((lines[0]?.count ?? 0) * PRICES.httpApiRequest);
    expect(total.webSocket).toBeCloseTo(
      REFERENCE_MONTH.connectionMinutesPerUserDay * userDays * PRICES.webSocketConnectionMinute,
    );
  });
});

describe('medianRun', () => {
  it('is the run in the middle by DynamoDB calls', () => {
    const run = (calls: number) => {
      const usage = usageBetween(aSnapshot(), aSnapshot());
      return { ...usage, dynamodb: { ...usage.dynamodb, calls } };
    };

    expect(medianRun([run(9), run(7), run(8)]).dynamodb.calls).toBe(8);
  });
});
