import {
  DYNAMODB_READS,
  USAGE_PATH,
  type DynamoDbCounts,
  type InvocationCounts,
  type UsageSnapshot,
} from '@chat/local';
import { eventually } from '@chat/testing';
import { sleep } from '../support/concurrency';
import { PRICES } from './prices';

/** What one scenario made the cloud do: the difference of two `GET /_local/usage` snapshots. */
export interface ScenarioUsage {
  dynamodb: {
    calls: number;
    writes: number;
    readUnits: number;
    writeUnits: number;
    conditionFailed: number;
    /** `Operation table` → counts. */
    byCall: Record<string, DynamoDbCounts>;
  };
  /** Function → invocations. */
  invocations: Record<string, number>;
  gbSeconds: number;
  putEventsEntries: number;
  webSocket: { connects: number; clientMessages: number; posts: number };
  httpRequests: number;
  snsPublishes: number;
}

export async function readUsage(httpUrl: string): Promise<UsageSnapshot> {
  const response = await fetch(`${httpUrl}${USAGE_PATH}`);
  if (!response.ok) throw new Error(`GET ${USAGE_PATH} answered ${response.status}`);
  return (await response.json()) as UsageSnapshot;
}

const minus = (after: DynamoDbCounts, before: DynamoDbCounts | undefined): DynamoDbCounts => ({
  calls: after.calls - (before?.calls ?? 0),
  readUnits: after.readUnits - (before?.readUnits ?? 0),
  writeUnits: after.writeUnits - (before?.writeUnits ?? 0),
  conditionFailed: after.conditionFailed - (before?.conditionFailed ?? 0),
});

/** The usage between two snapshots. */
export function usageBetween(before: UsageSnapshot, after: UsageSnapshot): ScenarioUsage {
  const operations = Object.entries(after.dynamodb.byOperation).map(
    ([operation, counts]) => [operation, minus(counts, before.dynamodb.byOperation[operation])] as const,
  );
  const total = operations.reduce(
    (sum, [operation, c]) => ({
      calls: sum.calls + c.calls,
      writes: sum.writes + (DYNAMODB_READS.has(operation) ? 0 : c.calls),
      readUnits: sum.readUnits + c.readUnits,
      writeUnits: sum.writeUnits + c.writeUnits,
      conditionFailed: sum.conditionFailed + c.conditionFailed,
    }),
    { calls: 0, writes: 0, readUnits: 0, writeUnits: 0, conditionFailed: 0 },
  );
  const byCall: Record<string, DynamoDbCounts> = {};
  for (const [key, counts] of Object.entries(after.dynamodb.byCall)) {
    const difference = minus(counts, before.dynamodb.byCall[key]);
    if (difference.calls > 0) byCall[key] = difference;
  }
  const invocations: Record<string, number> = {};
  let gbSeconds = 0;
  for (const [name, counts] of Object.entries(after.lambda)) {
    const was: InvocationCounts | undefined = before.lambda[name];
    const count = counts.invocations - (was?.invocations ?? 0);
    if (count === 0) continue;
    invocations[name] = count;
    gbSeconds += ((counts.milliseconds - (was?.milliseconds ?? 0)) / 1000) * (counts.memoryMb / 1024);
  }
  return {
    dynamodb: { ...total, byCall },
    invocations,
    gbSeconds,
    putEventsEntries: after.eventBridge.entries - before.eventBridge.entries,
    webSocket: {
      connects: after.webSocket.connects - before.webSocket.connects,
      clientMessages: after.webSocket.clientMessages - before.webSocket.clientMessages,
      posts: after.webSocket.posts - before.webSocket.posts,
    },
    httpRequests: after.http.requests - before.http.requests,
    snsPublishes: after.sns.publishes - before.sns.publishes,
  };
}

/** A fingerprint of everything counted: equal twice in a row means nothing happened in between. */
const fingerprint = (usage: UsageSnapshot) =>
  JSON.stringify([
    usage.dynamodb.byOperation,
    Object.values(usage.lambda).map((l) => l.invocations),
    usage.eventBridge,
    usage.webSocket,
    usage.sns,
  ]);

/**
 * Waits until the stack has done nothing for `quietMs` (no DynamoDB call, invocation, event, post or publish of
 * the functions), within `timeoutMs`, and returns the snapshot then.
 */
export async function quietUsage(
  httpUrl: string,
  quietMs = 2_000,
  timeoutMs = 120_000,
): Promise<UsageSnapshot> {
  let last = await readUsage(httpUrl);
  let lastChange = Date.now();
  return eventually(
    async () => {
      await sleep(200);
      const now = await readUsage(httpUrl);
      if (fingerprint(now) !== fingerprint(last)) {
        last = now;
        lastChange = Date.now();
        return undefined;
      }
      return Date.now() - lastChange >= quietMs ? now : undefined;
    },
    { timeoutMs, intervalMs: 0, what: 'the stack to be quiet' },
  );
}

/** The dollars of a usage at PRICES, by service. */
export interface Cost {
  dynamoDb: number;
  /** Lambda requests. */
  lambda: number;
  /** Lambda GB-seconds: from local wall times, the one figure that is measured, not counted. */
  lambdaDuration: number;
  eventBridge: number;
  webSocket: number;
  httpApi: number;
  sns: number;
  total: number;
}

export function costOf(usage: ScenarioUsage, connectionMinutes = 0): Cost {
  const invocations = Object.values(usage.invocations).reduce((a, b) => a + b, 0);
  const cost = {
    dynamoDb:
      usage.dynamodb.readUnits * PRICES.dynamoDbReadRequestUnit +
      usage.dynamodb.writeUnits * PRICES.dynamoDbWriteRequestUnit,
    lambda: invocations * PRICES.lambdaRequest,
    lambdaDuration: usage.gbSeconds * PRICES.lambdaGbSecond,
    eventBridge: usage.putEventsEntries * PRICES.eventBridgePutEventsEntry,
    webSocket:
      (usage.webSocket.clientMessages + usage.webSocket.posts) * PRICES.webSocketMessage +
      connectionMinutes * PRICES.webSocketConnectionMinute,
    httpApi: usage.httpRequests * PRICES.httpApiRequest,
    sns: usage.snsPublishes * PRICES.snsPublish,
  };
  return { ...cost, total: Object.values(cost).reduce((a, b) => a + b, 0) };
}
