/**
 * Entry error codes PutEvents documents as permanent: resending the same entry cannot succeed. Any
 * other failed entry (InternalFailure, ThrottlingException, or a code not known here) is retried.
 */
export const permanentEntryErrorCodes: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'InvalidAccountIdException',
  'InvalidArgument',
  'MalformedDetail',
  'RedactionFailure',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

export function isRetryableEntryError(errorCode: string): boolean {
  return !permanentEntryErrorCodes.has(errorCode);
}

const retryableErrorNames = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'InternalException',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const retryableNetworkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** Whether a PutEvents call that threw is worth repeating: throttling, 5xx, timeouts, network resets. */
export function isRetryableCallError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (typeof e.name === 'string' && retryableErrorNames.has(e.name)) return true;
  return typeof e.code === 'string' && retryableNetworkCodes.has(e.code);
}

/**
 * Exponential backoff with "equal jitter": half of `base * 2^(attempt-1)` (capped) plus a random share
 * of the other half, so delays grow reliably but retries from many Lambdas spread out.
 */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number) {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
