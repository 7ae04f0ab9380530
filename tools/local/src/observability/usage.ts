import type { InvocationOutcome } from '../functions/function-runtime';

/**
 * What the functions made the local cloud do, counted since the stack started, the way AWS bills it: DynamoDB
 * calls by operation and table with their read and write request units, Lambda invocations (and their duration)
 * per function, EventBridge PutEvents entries, API Gateway WebSocket messages (frames from clients, posts to
 * `@connections`), HTTP API requests, SNS publishes. Served at `GET /_local/usage`; `npm run bench:cost` reads it
 * before and after a scenario and prices the difference. Every counter is one call on `LocalUsage` made where the
 * local cloud sees the request (the DynamoDB proxy, the invoke of the runtime, the EventBridge, WebSocket and SNS
 * servers), so a count is exact; units come from DynamoDB Local's own `ConsumedCapacity`. `npm run bench:connect`
 * reads it too, for the items a connect writes, the calls refused (by error type), the time DynamoDB Local took
 * per call, and the invocations' wait for a sandbox.
 */

/** The path of the usage summary on the HTTP API's port. */
export const USAGE_PATH = '/_local/usage';

/** One DynamoDB call as the proxy saw it. */
export interface DynamoDbCall {
  /** `GetItem`, `PutItem`, `Query`, … (from `X-Amz-Target`). */
  operation: string;
  /** The tables the call named (one for single-item calls, several for batches and transactions). */
  tables: readonly string[];
  /** Read request units it consumed (ConsumedCapacity), 0 for writes. */
  readUnits: number;
  /** Write request units it consumed; a failed condition is billed as one. */
  writeUnits: number;
  /** The call failed its condition (ConditionalCheckFailedException, a cancelled transaction). */
  conditionFailed: boolean;
  /** Items it wrote (Put/Update/Delete, each of a batch or transaction; 0 for reads and refused calls). */
  itemsWritten: number;
  /** The error type of a refused call (`ConditionalCheckFailedException`, `TransactionCanceledException`, …). */
  errorType?: string;
  /** How long DynamoDB Local took to answer it, ms (at the proxy). */
  milliseconds: number;
}

export interface DynamoDbCounts {
  calls: number;
  readUnits: number;
  writeUnits: number;
  /** Calls that failed their condition (billed, no effect). */
  conditionFailed: number;
  itemsWritten: number;
  /** Refused calls by error type. */
  errors: Record<string, number>;
  /** Summed time DynamoDB Local took to answer, ms. */
  milliseconds: number;
}

export interface InvocationCounts {
  invocations: number;
  /** Summed wall time of the invocations, ms (local, on a shared machine: an upper bound of Lambda's). */
  milliseconds: number;
  /** Of `milliseconds`, the time spent waiting for a free sandbox (the function at its concurrency, or loading). */
  waitedMs: number;
  /** Invocations that failed (an error, a timeout). */
  errors: number;
  /** The function's configured memory, MB (for GB-seconds). */
  memoryMb: number;
  /**
   * CPU time the invocations took on their sandboxes' threads, ms (Linux only, else 0): unlike `milliseconds` it
   * holds neither the waits for I/O nor those for a core on a busy machine, so it is what a benchmark compares.
   */
  cpuMs: number;
  /** Sandboxes that loaded the function (cold starts), and the CPU time their init took, ms (Linux only). */
  inits: number;
  initCpuMs: number;
}

/** CPU time of the stack's own processes since it started, ms (Linux only, else 0). */
export interface StackCpu {
  /** The stack's node process: every thread (the local cloud, the functions' sandboxes, V8's and libuv's helpers). */
  processMs: number;
  /** Its main thread alone: the local cloud's servers (HTTP, WebSocket, EventBridge, DynamoDB proxy, streams). */
  mainThreadMs: number;
  /** DynamoDB Local's JVM. */
  dynamodbLocalMs: number;
}

/** The body of `GET /_local/usage`. */
export interface UsageSnapshot {
  since: string;
  /** Function sandboxes (worker threads) that exist now, busy or idle: a gauge, not a count. */
  sandboxes: number;
  cpu: StackCpu;
  dynamodb: {
    byOperation: Record<string, DynamoDbCounts>;
    byTable: Record<string, DynamoDbCounts>;
    /**
     * By `<operation> <table>`, a call on several tables under `<operation> <table>+<table>…` with all its units
     * (in `byTable` it counts once per table, its units split evenly).
     */
    byCall: Record<string, DynamoDbCounts>;
  };
  /** Per function (qualified name `<service>.<function>`). */
  lambda: Record<string, InvocationCounts>;
  eventBridge: { putEventsRequests: number; entries: number };
  webSocket: { connects: number; clientMessages: number; posts: number };
  /** Requests that reached a route's function (what API Gateway's HTTP API bills, bar local routes). */
  http: { requests: number };
  sns: { publishes: number };
}

/** A DynamoDB operation that only reads. */
export const DYNAMODB_READS = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'TransactGetItems',
  'DescribeTable',
  'ListTables',
]);

const zero = (): DynamoDbCounts => ({
  calls: 0,
  readUnits: 0,
  writeUnits: 0,
  conditionFailed: 0,
  itemsWritten: 0,
  errors: {},
  milliseconds: 0,
});

function add(into: Record<string, DynamoDbCounts>, key: string, call: DynamoDbCall): void {
  const counts = (into[key] ??= zero());
  counts.calls += 1;
  counts.readUnits += call.readUnits;
  counts.writeUnits += call.writeUnits;
  if (call.conditionFailed) counts.conditionFailed += 1;
  counts.itemsWritten += call.itemsWritten;
  if (call.errorType) counts.errors[call.errorType] = (counts.errors[call.errorType] ?? 0) + 1;
  counts.milliseconds += call.milliseconds;
}

export class LocalUsage {
  private readonly since = new Date().toISOString();
  private readonly byOperation: Record<string, DynamoDbCounts> = {};
  private readonly byTable: Record<string, DynamoDbCounts> = {};
  private readonly byCall: Record<string, DynamoDbCounts> = {};
  private readonly lambda: Record<string, InvocationCounts> = {};
  private readonly eventBridge = { putEventsRequests: 0, entries: 0 };
  private readonly webSocket = { connects: 0, clientMessages: 0, posts: 0 };
  private readonly http = { requests: 0 };
  private readonly sns = { publishes: 0 };

  /**
   * @param memoryOf the configured memory (MB) of a function by qualified name
   * @param isHttpRoute whether a function serves an HTTP API route (its invocations are HTTP API requests)
   * @param countSandboxes how many function sandboxes exist now (the function runtime's count)
   */
  constructor(
    private readonly memoryOf: (functionName: string) => number = () => 1024,
    private readonly isHttpRoute: (functionName: string) => boolean = () => false,
    private readonly countSandboxes: () => number = () => 0,
    private readonly readCpu: () => StackCpu = () => ({ processMs: 0, mainThreadMs: 0, dynamodbLocalMs: 0 }),
  ) {}

  dynamoDbCall(call: DynamoDbCall): void {
    add(this.byOperation, call.operation, call);
    const share = call.tables.length > 0 ? call.tables.length : 1;
    for (const table of call.tables.length > 0 ? call.tables : ['(none)']) {
      add(this.byTable, table, {
        ...call,
        readUnits: call.readUnits / share,
        writeUnits: call.writeUnits / share,
        itemsWritten: call.itemsWritten / share,
        milliseconds: call.milliseconds / share,
      });
    }
    add(this.byCall, `${call.operation} ${call.tables.length > 0 ? call.tables.join('+') : '(none)'}`, call);
  }

  /** One invocation, once it ended (the function runtime's `onInvoked`). */
  invocation(functionName: string, outcome: InvocationOutcome): void {
    const counts = this.countsOf(functionName);
    counts.invocations += 1;
    counts.milliseconds += outcome.durationMs;
    counts.waitedMs += outcome.waitedMs;
    counts.cpuMs += outcome.cpuMs ?? 0;
    if (!outcome.ok) counts.errors += 1;
    if (this.isHttpRoute(functionName)) this.http.requests += 1;
  }

  /** A sandbox of the function has loaded it (the function runtime's `onSandboxReady`). */
  sandboxReady(functionName: string, cpuMs: number | undefined): void {
    const counts = this.countsOf(functionName);
    counts.inits += 1;
    counts.initCpuMs += cpuMs ?? 0;
  }

  private countsOf(functionName: string): InvocationCounts {
    return (this.lambda[functionName] ??= {
      invocations: 0,
      milliseconds: 0,
      waitedMs: 0,
      errors: 0,
      memoryMb: this.memoryOf(functionName),
      cpuMs: 0,
      inits: 0,
      initCpuMs: 0,
    });
  }

  /** One PutEvents request with `entries` entries (accepted or not: each is billed). */
  putEvents(entries: number): void {
    this.eventBridge.putEventsRequests += 1;
    this.eventBridge.entries += entries;
  }

  webSocketConnect(): void {
    this.webSocket.connects += 1;
  }

  /** A frame a client sent (a WebSocket message API Gateway bills). */
  webSocketClientMessage(): void {
    this.webSocket.clientMessages += 1;
  }

  /** A POST to `@connections/{id}` (a message to a client). */
  connectionPost(): void {
    this.webSocket.posts += 1;
  }

  /** Messages published to SNS (a PublishBatch of n counts n). */
  snsPublishes(count: number): void {
    this.sns.publishes += count;
  }

  snapshot(): UsageSnapshot {
    return structuredClone({
      since: this.since,
      sandboxes: this.countSandboxes(),
      cpu: this.readCpu(),
      dynamodb: { byOperation: this.byOperation, byTable: this.byTable, byCall: this.byCall },
      lambda: this.lambda,
      eventBridge: this.eventBridge,
      webSocket: this.webSocket,
      http: this.http,
      sns: this.sns,
    });
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * The request body with `ReturnConsumedCapacity: TOTAL` where the caller asked for none, so that the answer says
 * what the call consumed (callers that asked keep their own setting; the SDK ignores the extra field).
 */
export function askingForConsumedCapacity(operation: string, body: Json): Json {
  if (!CAPACITY_OPERATIONS.has(operation) || tablesNamed(body).length === 0) return body;
  const asked = body.ReturnConsumedCapacity;
  return asked === 'TOTAL' || asked === 'INDEXES' ? body : { ...body, ReturnConsumedCapacity: 'TOTAL' };
}

/** The operations that accept ReturnConsumedCapacity. */
const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

/** The tables a request names: its TableName, a batch's RequestItems, a transaction's items. */
export function tablesNamed(body: Json): string[] {
  if (typeof body.TableName === 'string') return [body.TableName];
  if (isObject(body.RequestItems)) return Object.keys(body.RequestItems);
  if (Array.isArray(body.TransactItems)) {
    const names = body.TransactItems.flatMap((item: unknown) =>
      isObject(item)
        ? Object.values(item).flatMap((action) =>
            isObject(action) && typeof action.TableName === 'string' ? [action.TableName] : [],
          )
        : [],
    );
    return [...new Set(names)];
  }
  return [];
}

/** The capacity units of a `ConsumedCapacity` answer (one object, or a list for batches and transactions). */
function unitsOf(consumed: unknown): number {
  if (Array.isArray(consumed)) return consumed.reduce((sum: number, entry) => sum + unitsOf(entry), 0);
  return isObject(consumed) && typeof consumed.CapacityUnits === 'number' ? consumed.CapacityUnits : 0;
}

/** The items a request writes when it succeeds: one for a single-item write, each of a batch or transaction. */
export function itemsWrittenBy(operation: string, body: Json): number {
  if (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') return 1;
  if (operation === 'BatchWriteItem' && isObject(body.RequestItems)) {
    return Object.values(body.RequestItems).reduce(
      (sum: number, requests) => sum + (Array.isArray(requests) ? requests.length : 0),
      0,
    );
  }
  if (operation === 'TransactWriteItems' && Array.isArray(body.TransactItems)) {
    return body.TransactItems.filter(
      (item: unknown) => isObject(item) && ('Put' in item || 'Update' in item || 'Delete' in item),
    ).length;
  }
  return 0;
}

/**
 * The call one DynamoDB request and its answer make: units from the answer's ConsumedCapacity; a write that
 * failed its condition is billed one write unit (DynamoDB bills a failed conditional write at least that).
 * `request` is the request's body (for the items it wrote), `milliseconds` how long DynamoDB Local took.
 */
export function dynamoDbCallOf(
  operation: string,
  tables: readonly string[],
  status: number,
  answer: Json,
  { request = {}, milliseconds = 0 }: { request?: Json; milliseconds?: number } = {},
): DynamoDbCall {
  const type = typeof answer.__type === 'string' ? answer.__type : '';
  const conditionFailed =
    status !== 200 &&
    (type.endsWith('ConditionalCheckFailedException') || type.endsWith('TransactionCanceledException'));
  const units = unitsOf(answer.ConsumedCapacity);
  const reads = DYNAMODB_READS.has(operation);
  const errorType = status === 200 ? undefined : type.split('#').pop() || `HTTP ${status}`;
  return {
    operation,
    tables,
    readUnits: reads ? units : 0,
    writeUnits: reads ? 0 : conditionFailed ? Math.max(1, units) : units,
    conditionFailed,
    itemsWritten: status === 200 ? itemsWrittenBy(operation, request) : 0,
    ...(errorType ? { errorType } : {}),
    milliseconds,
  };
}
