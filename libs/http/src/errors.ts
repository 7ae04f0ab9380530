import {
  isDependencyOutage,
  isDomainError,
  OUTAGE_RETRY_AFTER_SECONDS,
  RateLimitedError,
  ValidationError,
  UNAVAILABLE_MESSAGE,
  type DomainErrorKind,
} from '@chat/runtime';
import type { HttpResult } from './types';

const statusOf: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

/** The contract's body for every non-2xx answer (API.md "Errors"). */
export interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

export const INTERNAL_ERROR: ErrorBody = { error: { code: 'INTERNAL', message: 'Internal server error' } };

export const UNAVAILABLE_ERROR: ErrorBody = {
  error: { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE },
};

/**
 * Maps a thrown value to the answer the client gets: a DomainError to its status, code and message (plus
 * `details` for validation, `Retry-After` for rate limiting); a dependency that is unreachable or refusing for
 * now to 503 UNAVAILABLE with `Retry-After`; anything else to a generic 500.
 */
export function errorResult(error: unknown): HttpResult {
  if (!isDomainError(error)) {
    if (isDependencyOutage(error)) {
      return {
        statusCode: 503,
        body: UNAVAILABLE_ERROR,
        headers: { 'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS) },
      };
    }
    return { statusCode: 500, body: INTERNAL_ERROR };
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error instanceof ValidationError && error.details.length > 0) body.error.details = error.details;
  const headers: Record<string, string> =
    error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  return { statusCode: statusOf[error.kind], body, headers };
}
