export { requireEnv, optionalEnv } from './env';
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
