import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * The item a refused conditional write found, when it asked for it (`ReturnValuesOnConditionCheckFailure:
 * 'ALL_OLD'`), as plain values; `undefined` for any other error or when DynamoDB returned none.
 */
export function conditionFailureItem(error: unknown): Record<string, unknown> | undefined {
  if (!isConditionalCheckFailed(error)) return undefined;
  const item = (error as { Item?: unknown }).Item;
  if (item === undefined || item === null || typeof item !== 'object') return undefined;
  // The document client does not translate an exception's item: it comes as DynamoDB attribute values.
  const values = Object.values(item);
  const marshalled =
    values.length > 0 && values.every((v) => typeof v === 'object' && v !== null && !(v instanceof Set));
  return marshalled ? unmarshall(item as Record<string, AttributeValue>) : (item as Record<string, unknown>);
}

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
