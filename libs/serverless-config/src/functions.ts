import { allow } from './iam';
import type { FunctionSpec } from './iam';
import { HEALTH_ENV } from '../../runtime/src/env-names';
import { putEvents, streamRead, tableAccess } from './statements';
import type { CfnValue, IamStatement } from './types';

/** The `src/handlers/<file>.handler` path of a handler file of the service. */
export const handlerPath = (file: string): string => `src/handlers/${file}.handler`;

/** What a function needs to verify callers' tokens (e.g. `tokenVerifierAccess()` of @chat/auth-verifier). */
export interface Access {
  environment: Record<string, CfnValue>;
  statements: IamStatement[];
}

export interface RouteSpec {
  /** The handler file under `src/handlers/`. */
  handler: string;
  statements?: IamStatement[];
  environment?: Record<string, CfnValue>;
}

/** An HTTP API route whose handler checks the caller with `access`, plus its own environment and statements. */
export function httpRoute(method: string, path: string, access: Access, spec: RouteSpec): FunctionSpec {
  return {
    handler: handlerPath(spec.handler),
    events: [{ httpApi: { method, path } }],
    environment: { ...access.environment, ...spec.environment },
    statements: [...access.statements, ...(spec.statements ?? [])],
  };
}

/** The key value a health route reads: no item has it (ids are ULIDs or usernames' ids). */
export const HEALTH_PROBE_ID = '__health__';

/** The item a health route reads: a table of the service (logical id) and a key (which need not exist). */
export interface HealthProbe {
  table: string;
  key: Record<string, string>;
}

/**
 * A service's unauthenticated `GET /health/<name>` route: it reads one item of `probe.table` (GetItem only) and
 * answers 503 when that fails, so that health tells the truth.
 */
export function healthRoute(name: string, probe: HealthProbe): FunctionSpec {
  return {
    handler: handlerPath('health'),
    events: [{ httpApi: { method: 'GET', path: `/health/${name}` } }],
    environment: {
      [HEALTH_ENV.probeTable]: { Ref: probe.table },
      [HEALTH_ENV.probeKey]: JSON.stringify(probe.key),
    },
    statements: [tableAccess(probe.table, ['dynamodb:GetItem'])],
  };
}

export interface StreamSourceOptions {
  batchSize: number;
  maximumRetryAttempts: number;
  /** Lambda event filters (e.g. `[{ eventName: ['INSERT'] }]`). */
  filterPatterns?: object[];
  /** The logical id of the SQS queue that receives the batches that failed for good. */
  onFailureQueue?: string;
}

/**
 * A DynamoDB stream event source from a table of this stack: from the trim horizon, reporting partial batch
 * failures and bisecting a failing batch, with bounded retries.
 */
export function streamSource(tableLogicalId: string, options: StreamSourceOptions) {
  return {
    stream: {
      type: 'dynamodb',
      arn: { 'Fn::GetAtt': [tableLogicalId, 'StreamArn'] },
      startingPosition: 'TRIM_HORIZON',
      batchSize: options.batchSize,
      maximumRetryAttempts: options.maximumRetryAttempts,
      bisectBatchOnFunctionError: true,
      functionResponseType: 'ReportBatchItemFailures',
      ...(options.filterPatterns ? { filterPatterns: options.filterPatterns } : {}),
      ...(options.onFailureQueue
        ? { destinations: { onFailure: { arn: queueArn(options.onFailureQueue), type: 'sqs' } } }
        : {}),
    },
  } as const;
}

const queueArn = (queueLogicalId: string) => ({ 'Fn::GetAtt': [queueLogicalId, 'Arn'] });

/**
 * A function run by a table's stream: it reads the stream (and may send failed batches to the queue) plus
 * `statements`.
 */
export function streamFunction(
  handler: string,
  tableLogicalId: string,
  options: StreamSourceOptions & { statements?: IamStatement[] },
): FunctionSpec {
  const { statements = [], ...source } = options;
  return {
    handler: handlerPath(handler),
    events: [streamSource(tableLogicalId, source)],
    statements: [
      streamRead(tableLogicalId),
      ...(source.onFailureQueue ? [allow(['sqs:SendMessage'], [queueArn(source.onFailureQueue)])] : []),
      ...statements,
    ],
  };
}

/**
 * The outbox of a table: a stream function that publishes the table's changes to the event bus, retried
 * record by record (partial batch failures).
 */
export function outboxFunction(
  handler: string,
  tableLogicalId: string,
  eventBusArn: CfnValue,
  options: StreamSourceOptions,
): FunctionSpec {
  return streamFunction(handler, tableLogicalId, { ...options, statements: [putEvents(eventBusArn)] });
}

/** The rules of a function on the stage's event bus, one per pattern. */
export function onEvents(eventBusArn: string, patterns: object[]) {
  return patterns.map((pattern) => ({ eventBridge: { eventBus: eventBusArn, pattern } }));
}

/**
 * A function run by EventBridge rules on the stage's bus (Lambda's asynchronous invocations: two retries) whose
 * events that failed for good go to the SQS queue `failureQueue` (a logical id of this stack: `failuresQueue()`).
 */
export function eventFunction(
  handler: string,
  eventBusArn: CfnValue,
  patterns: object[],
  options: { failureQueue: string; statements: IamStatement[]; timeout?: number },
): FunctionSpec {
  return {
    handler: handlerPath(handler),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    events: patterns.map((pattern) => ({ eventBridge: { eventBus: eventBusArn, pattern } })),
    destinations: { onFailure: { arn: queueArn(options.failureQueue), type: 'sqs' } },
    statements: [allow(['sqs:SendMessage'], [queueArn(options.failureQueue)]), ...options.statements],
  } as FunctionSpec;
}
