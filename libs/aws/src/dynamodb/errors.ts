/** The cancellation reason of a transaction's item whose condition did not hold. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

/** DynamoDB's refusal of a write whose ConditionExpression did not hold. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * For a cancelled transaction (TransactionCanceledException), the reason code of each of its items, in the
 * order they were sent (`ConditionalCheckFailed`, `TransactionConflict`, `None`, ...; `undefined` where
 * DynamoDB gave none). `undefined` for any other error.
 */
export function cancellationReasons(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
  if (!Array.isArray(reasons)) return [];
  return reasons.map((reason: { Code?: unknown } | undefined) =>
    typeof reason?.Code === 'string' ? reason.Code : undefined,
  );
}
