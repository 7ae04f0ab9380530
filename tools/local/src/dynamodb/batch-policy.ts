/**
 * Pure decisions of a stream event source mapping after each invocation, following Lambda's documented
 * semantics for DynamoDB Streams:
 * - success (and, with ReportBatchItemFailures, an empty or missing `batchItemFailures`) checkpoints the batch;
 * - a thrown error retries the same batch, with backoff, up to maximumRetryAttempts (-1 = forever), then
 *   the batch is discarded (checkpointed past, reported to the caller);
 * - with ReportBatchItemFailures, `batchItemFailures` checkpoints before the lowest failed sequence number
 *   and retries from it; an empty/null/unknown itemIdentifier counts as a failure of the whole batch;
 * - with BisectBatchOnFunctionError, a failed batch of several records is split in two halves, retried in
 *   order. Bisecting does not use up a retry attempt (a batch bisects down to single records, which then
 *   retry as usual), so that one bad record does not discard its neighbours.
 */

export interface BatchPolicy {
  /** -1 retries until the record leaves the stream (forever, locally). */
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
  /** First retry delay; doubles with each attempt up to retryMaxDelayMs. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

export interface PendingBatch<T> {
  records: readonly T[];
  /** Retries already made for these records (0 for the first invocation). */
  attempt: number;
}

export type InvokeOutcome = { ok: true; response: unknown } | { ok: false; error: unknown };

export interface BatchDecision<T> {
  /** Sequence number to checkpoint (every record up to it is done, processed or discarded). */
  checkpoint?: string;
  /** Records given up on after the retries ran out; the caller logs them as discarded. */
  discarded: T[];
  /** Batches to invoke next, in this order, before any newer record. */
  next: PendingBatch<T>[];
  /** Wait before invoking next[0]. */
  delayMs: number;
  /** Why the batch (or part of it) failed, for logs. */
  failure?: string;
}

/** Backoff before retry number `attempt` (1-based): base, 2×base, 4×base… capped at max. */
export function retryDelayMs(
  attempt: number,
  policy: Pick<BatchPolicy, 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
) {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.retryMaxDelayMs, policy.retryBaseDelayMs * 2 ** exponent);
}

export type BatchItemFailuresResult =
  { kind: 'success' } | { kind: 'partial'; firstFailedIndex: number } | { kind: 'invalid'; reason: string };

/**
 * Reads a function response as a partial batch response: the position of the lowest failed sequence number,
 * success when there is nothing to report, or invalid (treated as a failure of the whole batch).
 */
export function readBatchItemFailures(
  response: unknown,
  sequenceNumbers: readonly string[],
): BatchItemFailuresResult {
  if (response === null || response === undefined || typeof response !== 'object') return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'invalid', reason: 'batchItemFailures is not an array' };
  if (failures.length === 0) return { kind: 'success' };
  let firstFailedIndex = Number.POSITIVE_INFINITY;
  for (const failure of failures as unknown[]) {
    const identifier =
      failure !== null && typeof failure === 'object'
        ? (failure as { itemIdentifier?: unknown }).itemIdentifier
        : undefined;
    if (typeof identifier !== 'string' || identifier === '') {
      return { kind: 'invalid', reason: `invalid itemIdentifier in ${JSON.stringify(failure)}` };
    }
    const index = sequenceNumbers.indexOf(identifier);
    if (index < 0) return { kind: 'invalid', reason: `itemIdentifier ${identifier} is not in the batch` };
    firstFailedIndex = Math.min(firstFailedIndex, index);
  }
  return { kind: 'partial', firstFailedIndex };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function retryOrDiscard<T>(
  records: readonly T[],
  attempt: number,
  sequenceNumberOf: (record: T) => string,
  policy: BatchPolicy,
  failure: string,
  checkpoint: string | undefined,
): BatchDecision<T> {
  const nextAttempt = attempt + 1;
  if (policy.maximumRetryAttempts >= 0 && nextAttempt > policy.maximumRetryAttempts) {
    const last = records[records.length - 1];
    return {
      ...(last !== undefined ? { checkpoint: sequenceNumberOf(last) } : checkpoint ? { checkpoint } : {}),
      discarded: [...records],
      next: [],
      delayMs: 0,
      failure,
    };
  }
  return {
    ...(checkpoint ? { checkpoint } : {}),
    discarded: [],
    next: [{ records, attempt: nextAttempt }],
    delayMs: retryDelayMs(nextAttempt, policy),
    failure,
  };
}

function failWholeBatch<T>(
  batch: PendingBatch<T>,
  sequenceNumberOf: (record: T) => string,
  policy: BatchPolicy,
  failure: string,
): BatchDecision<T> {
  if (policy.bisectBatchOnFunctionError && batch.records.length > 1) {
    const half = Math.ceil(batch.records.length / 2);
    return {
      discarded: [],
      next: [
        { records: batch.records.slice(0, half), attempt: batch.attempt },
        { records: batch.records.slice(half), attempt: batch.attempt },
      ],
      delayMs: 0,
      failure,
    };
  }
  return retryOrDiscard(batch.records, batch.attempt, sequenceNumberOf, policy, failure, undefined);
}

/** What to do after invoking the function with `batch` (non-empty) and getting `outcome`. */
export function decideAfterInvoke<T>(
  batch: PendingBatch<T>,
  outcome: InvokeOutcome,
  policy: BatchPolicy,
  sequenceNumberOf: (record: T) => string,
): BatchDecision<T> {
  const sequenceNumbers = batch.records.map(sequenceNumberOf);
  const lastSequenceNumber = sequenceNumbers[sequenceNumbers.length - 1];
  if (lastSequenceNumber === undefined) return { discarded: [], next: [], delayMs: 0 };

  if (!outcome.ok) return failWholeBatch(batch, sequenceNumberOf, policy, describeError(outcome.error));
  if (!policy.reportBatchItemFailures)
    return { checkpoint: lastSequenceNumber, discarded: [], next: [], delayMs: 0 };

  const result = readBatchItemFailures(outcome.response, sequenceNumbers);
  if (result.kind === 'success')
    return { checkpoint: lastSequenceNumber, discarded: [], next: [], delayMs: 0 };
  if (result.kind === 'invalid') return failWholeBatch(batch, sequenceNumberOf, policy, result.reason);

  const index = result.firstFailedIndex;
  const failedSequenceNumber = sequenceNumbers[index];
  return retryOrDiscard(
    batch.records.slice(index),
    batch.attempt,
    sequenceNumberOf,
    policy,
    `batchItemFailures from sequence number ${failedSequenceNumber}`,
    index > 0 ? sequenceNumbers[index - 1] : undefined,
  );
}
