/**
 * Whether a failure means a dependency (DynamoDB, Cognito, S3, SNS, EventBridge) is unreachable or refusing for
 * now, as opposed to a bug: the answer is then 503 `UNAVAILABLE` with `Retry-After`, not 500. Read from the
 * error's shape (Node's network error codes, the AWS SDK's throttling and server-fault names and HTTP status,
 * its `$retryable` mark), following `cause`; no SDK is imported.
 */
export function isDependencyOutage(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const { code, $metadata, $retryable, $fault } = current as OutageShape;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (OUTAGE_NAMES.has(current.name)) return true;
    if ($retryable !== undefined && $fault === 'server') return true;
    const status = $metadata?.httpStatusCode;
    if (status === 502 || status === 503 || status === 504) return true;
    current = current.cause;
  }
  return false;
}

/** The message of every UNAVAILABLE answer (HTTP 503, WebSocket error frame). */
export const UNAVAILABLE_MESSAGE = 'The service is unavailable for a moment; try again shortly';

/** Seconds a client is told to wait after a 503 UNAVAILABLE. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;

interface OutageShape {
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  $fault?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const OUTAGE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'InternalErrorException',
  'SlowDown',
]);
