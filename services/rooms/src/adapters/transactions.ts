import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { backoffDelay, cancellationReasons, CONDITION_FAILED, sleep, type RetryOptions } from '@chat/aws';

/**
 * TransactWriteItems with the retries DynamoDB asks callers to make: a transaction cancelled only because
 * another transaction touched the same item (TransactionConflict, e.g. twenty joins of one room bumping its
 * member count at once) is sent again after a jittered backoff. A cancellation with a failed condition is an
 * answer, not a fault: it is returned with the per-item reasons.
 */
export interface CancellationReason {
  Code?: string;
}

export type TransactionResult = { ok: true } | { ok: false; reasons: CancellationReason[] };

export type { RetryOptions };

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 12,
  baseDelayMs: 20,
  maxDelayMs: 1000,
  sleep,
  random: Math.random,
};

const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);
const CONFLICT_ERRORS = new Set(['TransactionConflictException', 'TransactionInProgressException']);

/** Runs `write` again while it fails with a write conflict (another transaction holds the item). */
export async function withConflictRetry<T>(
  write: () => Promise<T>,
  options: RetryOptions = defaultRetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const reasons = cancellationReasons(error);
      const conflict =
        (error instanceof Error && CONFLICT_ERRORS.has(error.name)) ||
        (reasons !== undefined &&
          !reasons.includes(CONDITION_FAILED) &&
          reasons.some((code) => RETRYABLE_REASONS.has(code ?? '')));
      if (!conflict || attempt >= options.maxAttempts) throw error;
      await options.sleep(backoffDelay(attempt, options));
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
    const reasons = cancellationReasons(error);
    if (reasons?.includes(CONDITION_FAILED)) return { ok: false, reasons: reasons.map((Code) => ({ Code })) };
    throw error;
  }
}

/** Whether the `index`-th item of a cancelled transaction failed its condition. */
export function failedCondition(result: TransactionResult, index: number): boolean {
  return !result.ok && result.reasons[index]?.Code === CONDITION_FAILED;
}
