import { isDomainError, ValidationError, RateLimitedError, type DomainErrorKind } from '@chat/runtime';
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

/**
 * Maps a thrown value to the answer the client gets: a DomainError to its status, code and message (plus
 * `details` for validation, `Retry-After` for rate limiting); anything else to a generic 500.
 */
export function errorResult(error: unknown): HttpResult {
  if (!isDomainError(error)) return { statusCode: 500, body: INTERNAL_ERROR };
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error instanceof ValidationError && error.details.length > 0) body.error.details = error.details;
  const headers: Record<string, string> =
    error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  return { statusCode: statusOf[error.kind], body, headers };
}
