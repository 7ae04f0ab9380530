export { requireEnv, optionalEnv, positiveIntegerEnv } from './env';
export { COMMON_ENV } from './env-names';
export { lazy } from './lazy';
export { forEachConcurrently } from './concurrency';
export { decodeCursor, encodeCursor } from './cursor';
export { systemClock, ulidIds, type Clock, type IdGenerator } from './system';
export { errorFrame, type ErrorFrame, type ErrorFrameExtra } from './error-frame';
export { createLogger, type Logger, type LogContext, type LogLevel } from './logger';
export {
  DomainError,
  ValidationError,
  UnauthenticatedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  RateLimitedError,
  isDomainError,
  type DomainErrorKind,
  type DomainErrorOptions,
  type FieldIssue,
} from './errors';
