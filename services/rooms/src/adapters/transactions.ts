import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/**
 * TransactWriteItems with the retries DynamoDB asks callers to make: a transaction cancelled only because
 * another transaction touched the same item (TransactionConflict, e.g. twenty joins of one room bumping its
 * member count at once) is sent again after a jittered backoff. A cancellation with a failed condition is an
 * answer, not a fault: it is returned with the per-item reasons.
 */
export interface CancellationReason {
  Code?: string;
  Message?: string;
}

export type TransactionResult = { ok: true } | { ok: false; reasons: CancellationReason[] };

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 12,
  baseDelayMs: 20,
  maxDelayMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);
const CONFLICT_ERRORS = new Set(['TransactionConflictException', 'TransactionInProgressException']);

function reasonsOf(error: unknown): CancellationReason[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
  return Array.isArray(reasons) ? reasons : [];
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function delayOf(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

/** Runs `write` again while it fails with a write conflict (another transaction holds the item). */
export async function withConflictRetry<T>(
  write: () => Promise<T>,
  options: RetryOptions = defaultRetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const reasons = reasonsOf(error);
      const conflict =
        (error instanceof Error && CONFLICT_ERRORS.has(error.name)) ||
        (reasons !== undefined &&
          !reasons.some((r) => r.Code === 'ConditionalCheckFailed') &&
          reasons.some((r) => RETRYABLE_REASONS.has(r.Code ?? '')));
      if (!conflict || attempt >= options.maxAttempts) throw error;
      await options.sleep(delayOf(attempt, options));
    }
  }
}

/** Sends a transaction, retrying conflicts; `{ok: false, reasons}` when a condition failed. */
export async function transactWrite(
  client: Pick<DynamoDBDocumentClient, 'send'>,
  input: TransactWriteCommandInput,
  options: RetryOptions = defaultRetryOptions,
): Promise<TransactionResult> {
  try {
    await withConflictRetry(() => client.send(new TransactWriteCommand(input)), options);
    return { ok: true };
  } catch (error) {
    const reasons = reasonsOf(error);
    if (reasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return { ok: false, reasons };
    throw error;
  }
}

/** Whether the `index`-th item of a cancelled transaction failed its condition. */
export function failedCondition(result: TransactionResult, index: number): boolean {
  return !result.ok && result.reasons[index]?.Code === 'ConditionalCheckFailed';
}
