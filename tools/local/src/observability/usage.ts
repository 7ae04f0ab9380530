/**
 * What the functions cost the local stack, counted since it started: their DynamoDB calls (by operation and by
 * table: calls, items written, failed calls by error type, consumed capacity) and their invocations (by function:
 * count, errors, time). Served at `GET /_local/usage`; a benchmark reads it before and after a scenario and takes
 * the difference (`usageDelta`), so several scenarios on one stack never reset each other's counts.
 *
 * The write-signal proxy feeds the DynamoDB counts (every call the functions make goes through it), the function
 * runtime the invocations. Other counters (events put on the bus, posts to connections) belong here too.
 */

/** The path of the usage counters on the HTTP API's port. */
export const USAGE_PATH = '/_local/usage';

/** One DynamoDB operation's (or one table's operation's) counts. */
export interface DynamoDbCounts {
  /** Requests made (the SDK's own retries count again). */
  calls: number;
  /** Items written (Put/Update/Delete, each item of a batch or transaction); 0 for reads. */
  writes: number;
  /** Requests refused (a 4xx or 5xx answer). */
  failed: number;
  /** The refused requests' error types (`ConditionalCheckFailedException`, `TransactionCanceledException`, …). */
  errors: Record<string, number>;
  /** Consumed capacity as DynamoDB Local reports it (answers that succeeded only). */
  readUnits: number;
  writeUnits: number;
  /** Sum of the times DynamoDB Local took to answer (from the request's end to the answer's, at the proxy). */
  totalMs: number;
}

export interface InvocationCounts {
  count: number;
  errors: number;
  /** Sum of the invocations' times from the call to the answer (waiting for a sandbox included). */
  totalMs: number;
  /** Of which waiting for a free sandbox (the function at its concurrency, or a sandbox loading). */
  waitedMs: number;
}

/** The body of `GET /_local/usage`. */
export interface UsageSnapshot {
  since: string;
  /** Function sandboxes (worker threads) that exist now, busy or idle: a gauge, not a count. */
  sandboxes: number;
  dynamodb: {
    total: DynamoDbCounts;
    byOperation: Record<string, DynamoDbCounts>;
    /** table name → operation → counts; a call spanning tables counts once for each (calls and failures). */
    byTable: Record<string, Record<string, DynamoDbCounts>>;
  };
  invocations: {
    total: InvocationCounts;
    /** By qualified function name (`<service>-<function>`). */
    byFunction: Record<string, InvocationCounts>;
  };
}

/** One DynamoDB request and its answer, as the proxy saw them. */
export interface DynamoDbCall {
  operation: string;
  /** Items written per table (0 for a read of that table). */
  tables: Record<string, number>;
  /** The answer's HTTP status, and its error type when refused. */
  status: number;
  errorType?: string;
  /** Consumed capacity per table, from the answer's `ConsumedCapacity`. */
  capacity?: Record<string, { read: number; write: number }>;
  /** How long DynamoDB Local took to answer. */
  durationMs?: number;
}

const emptyDynamoDb = (): DynamoDbCounts => ({
  calls: 0,
  writes: 0,
  failed: 0,
  errors: {},
  readUnits: 0,
  writeUnits: 0,
  totalMs: 0,
});

const emptyInvocations = (): InvocationCounts => ({ count: 0, errors: 0, totalMs: 0, waitedMs: 0 });

function add(counts: DynamoDbCounts, call: DynamoDbCall, writes: number, read: number, write: number): void {
  counts.calls += 1;
  counts.writes += writes;
  if (call.status >= 400) {
    counts.failed += 1;
    const type = call.errorType ?? `HTTP ${call.status}`;
    counts.errors[type] = (counts.errors[type] ?? 0) + 1;
  }
  counts.readUnits += read;
  counts.writeUnits += write;
  counts.totalMs += call.durationMs ?? 0;
}

const entry = <T>(map: Record<string, T>, key: string, empty: () => T): T => (map[key] ??= empty());

export class UsageCounters {
  private readonly since = new Date().toISOString();
  private readonly dynamodb: UsageSnapshot['dynamodb'] = {
    total: emptyDynamoDb(),
    byOperation: {},
    byTable: {},
  };
  private readonly invocations: UsageSnapshot['invocations'] = { total: emptyInvocations(), byFunction: {} };

  /** `sandboxes` tells how many function sandboxes exist now (the function runtime's count). */
  constructor(private readonly countSandboxes: () => number = () => 0) {}

  /** Counts one DynamoDB request (a refused write counts as a call and a failure, not as written items). */
  dynamoDbCall(call: DynamoDbCall): void {
    const ok = call.status < 400;
    const tableNames = Object.keys(call.tables);
    const writesOf = (table: string) => (ok ? (call.tables[table] ?? 0) : 0);
    const unitsOf = (table: string) => call.capacity?.[table] ?? { read: 0, write: 0 };
    const writes = tableNames.reduce((sum, table) => sum + writesOf(table), 0);
    const read = tableNames.reduce((sum, table) => sum + unitsOf(table).read, 0);
    const write = tableNames.reduce((sum, table) => sum + unitsOf(table).write, 0);
    add(this.dynamodb.total, call, writes, read, write);
    add(entry(this.dynamodb.byOperation, call.operation, emptyDynamoDb), call, writes, read, write);
    for (const table of tableNames) {
      const units = unitsOf(table);
      const byOperation = entry(this.dynamodb.byTable, table, () => ({}));
      add(entry(byOperation, call.operation, emptyDynamoDb), call, writesOf(table), units.read, units.write);
    }
  }

  /** Counts one invocation of a function (by its qualified name). */
  invocation(functionName: string, outcome: { ok: boolean; durationMs: number; waitedMs: number }): void {
    for (const counts of [
      this.invocations.total,
      entry(this.invocations.byFunction, functionName, emptyInvocations),
    ]) {
      counts.count += 1;
      if (!outcome.ok) counts.errors += 1;
      counts.totalMs += outcome.durationMs;
      counts.waitedMs += outcome.waitedMs;
    }
  }

  /** A copy of every count so far. */
  snapshot(): UsageSnapshot {
    return {
      since: this.since,
      sandboxes: this.countSandboxes(),
      ...(structuredClone({ dynamodb: this.dynamodb, invocations: this.invocations }) as Pick<
        UsageSnapshot,
        'dynamodb' | 'invocations'
      >),
    };
  }
}

function minusDynamoDb(after: DynamoDbCounts, before: DynamoDbCounts | undefined): DynamoDbCounts {
  const errors: Record<string, number> = {};
  for (const [type, count] of Object.entries(after.errors)) {
    const delta = count - (before?.errors[type] ?? 0);
    if (delta !== 0) errors[type] = delta;
  }
  return {
    calls: after.calls - (before?.calls ?? 0),
    writes: after.writes - (before?.writes ?? 0),
    failed: after.failed - (before?.failed ?? 0),
    errors,
    readUnits: after.readUnits - (before?.readUnits ?? 0),
    writeUnits: after.writeUnits - (before?.writeUnits ?? 0),
    totalMs: after.totalMs - (before?.totalMs ?? 0),
  };
}

function minusInvocations(after: InvocationCounts, before: InvocationCounts | undefined): InvocationCounts {
  return {
    count: after.count - (before?.count ?? 0),
    errors: after.errors - (before?.errors ?? 0),
    totalMs: after.totalMs - (before?.totalMs ?? 0),
    waitedMs: after.waitedMs - (before?.waitedMs ?? 0),
  };
}

/** Keeps the entries whose difference is not all zero. */
function changed<T, U extends { calls: number } | { count: number }>(
  after: Record<string, T>,
  minus: (key: string, value: T) => U,
): Record<string, U> {
  const result: Record<string, U> = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = minus(key, value);
    if (('calls' in delta ? delta.calls : delta.count) !== 0) result[key] = delta;
  }
  return result;
}

/** What was counted between two snapshots of the same stack (entries that did not change are left out). */
export function usageDelta(before: UsageSnapshot, after: UsageSnapshot): UsageSnapshot {
  const byTable: Record<string, Record<string, DynamoDbCounts>> = {};
  for (const [table, operations] of Object.entries(after.dynamodb.byTable)) {
    const delta = changed(operations, (op, counts) =>
      minusDynamoDb(counts, before.dynamodb.byTable[table]?.[op]),
    );
    if (Object.keys(delta).length > 0) byTable[table] = delta;
  }
  return {
    since: before.since,
    sandboxes: after.sandboxes,
    dynamodb: {
      total: minusDynamoDb(after.dynamodb.total, before.dynamodb.total),
      byOperation: changed(after.dynamodb.byOperation, (op, counts) =>
        minusDynamoDb(counts, before.dynamodb.byOperation[op]),
      ),
      byTable,
    },
    invocations: {
      total: minusInvocations(after.invocations.total, before.invocations.total),
      byFunction: changed(after.invocations.byFunction, (name, counts) =>
        minusInvocations(counts, before.invocations.byFunction[name]),
      ),
    },
  };
}
