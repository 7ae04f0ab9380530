import {
  DYNAMODB_READS,
  USAGE_PATH,
  type DynamoDbCounts,
  type InvocationCounts,
  type StackCpu,
  type UsageSnapshot,
} from '@chat/local';
import { eventually } from '@chat/testing';
import { sleep } from './concurrency';

/** What one scenario made the cloud do: the difference of two `GET /_local/usage` snapshots. */
export interface ScenarioUsage {
  dynamodb: {
    calls: number;
    writes: number;
    readUnits: number;
    writeUnits: number;
    conditionFailed: number;
    /** Items written (each of a batch or transaction). */
    itemsWritten: number;
    /** Refused calls (any error). */
    refused: number;
    /** Operation → counts. */
    byOperation: Record<string, DynamoDbCounts>;
    /** `Operation table` → counts. */
    byCall: Record<string, DynamoDbCounts>;
  };
  /** Function → invocations. */
  invocations: Record<string, number>;
  /** Function → its invocations' counts (time, wait for a sandbox, failures). */
  lambda: Record<string, InvocationCounts>;
  /** Function sandboxes at the end (a gauge). */
  sandboxes: number;
  /** Lambda's billed duration × memory: the invocations' time without their wait for a sandbox. */
  gbSeconds: number;
  /** CPU the stack's processes took (see `StackCpu`), ms. */
  cpu: StackCpu;
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

function minusErrors(
  after: Record<string, number>,
  before: Record<string, number> = {},
): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const [type, count] of Object.entries(after)) {
    if (count !== (before[type] ?? 0)) errors[type] = count - (before[type] ?? 0);
  }
  return errors;
}

const minus = (after: DynamoDbCounts, before: DynamoDbCounts | undefined): DynamoDbCounts => ({
  calls: after.calls - (before?.calls ?? 0),
  readUnits: after.readUnits - (before?.readUnits ?? 0),
  writeUnits: after.writeUnits - (before?.writeUnits ?? 0),
  conditionFailed: after.conditionFailed - (before?.conditionFailed ?? 0),
  itemsWritten: after.itemsWritten - (before?.itemsWritten ?? 0),
  errors: minusErrors(after.errors, before?.errors),
  milliseconds: after.milliseconds - (before?.milliseconds ?? 0),
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
      itemsWritten: sum.itemsWritten + c.itemsWritten,
      refused: sum.refused + Object.values(c.errors).reduce((a, b) => a + b, 0),
    }),
    { calls: 0, writes: 0, readUnits: 0, writeUnits: 0, conditionFailed: 0, itemsWritten: 0, refused: 0 },
  );
  const byOperation = Object.fromEntries(operations.filter(([, counts]) => counts.calls > 0));
  const byCall: Record<string, DynamoDbCounts> = {};
  for (const [key, counts] of Object.entries(after.dynamodb.byCall)) {
    const difference = minus(counts, before.dynamodb.byCall[key]);
    if (difference.calls > 0) byCall[key] = difference;
  }
  const invocations: Record<string, number> = {};
  const lambda: Record<string, InvocationCounts> = {};
  let gbSeconds = 0;
  for (const [name, counts] of Object.entries(after.lambda)) {
    const was: InvocationCounts | undefined = before.lambda[name];
    const count = counts.invocations - (was?.invocations ?? 0);
    if (count === 0) continue;
    invocations[name] = count;
    const difference: InvocationCounts = {
      invocations: count,
      milliseconds: counts.milliseconds - (was?.milliseconds ?? 0),
      waitedMs: counts.waitedMs - (was?.waitedMs ?? 0),
      errors: counts.errors - (was?.errors ?? 0),
      memoryMb: counts.memoryMb,
      cpuMs: counts.cpuMs - (was?.cpuMs ?? 0),
      inits: counts.inits - (was?.inits ?? 0),
      initCpuMs: counts.initCpuMs - (was?.initCpuMs ?? 0),
    };
    lambda[name] = difference;
    gbSeconds += ((difference.milliseconds - difference.waitedMs) / 1000) * (counts.memoryMb / 1024);
  }
  return {
    dynamodb: { ...total, byOperation, byCall },
    invocations,
    lambda,
    sandboxes: after.sandboxes,
    gbSeconds,
    cpu: {
      processMs: after.cpu.processMs - before.cpu.processMs,
      mainThreadMs: after.cpu.mainThreadMs - before.cpu.mainThreadMs,
      dynamodbLocalMs: after.cpu.dynamodbLocalMs - before.cpu.dynamodbLocalMs,
    },
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
