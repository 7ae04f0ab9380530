export { requireEnv, optionalEnv, positiveIntegerEnv } from './env';
export { COMMON_ENV, HEALTH_ENV, OBSERVABILITY_ENV } from './env-names';
export { lazy, lazyProperties, type Factories } from './lazy';
export { forEachConcurrently } from './concurrency';
export { systemClock, ulidIds, type Clock, type IdGenerator } from './system';
export { ID_PATTERN, ID_RULE, isDirectMessageRoomId, isId } from './ids';
export { decodeCursor, encodeCursor, type CursorSchema, type Page } from './cursor';
export {
  domainErrorFrame,
  errorFrame,
  parseFrameBody,
  type ErrorFrame,
  type ErrorFrameExtra,
} from './error-frame';
export {
  beginInvocation,
  inInvocation,
  ChatLogFormatter,
  createLogger,
  type InvocationContext,
  type Logger,
  type LogContext,
  type LogLevel,
} from './logger';
export {
  DomainError,
  ValidationError,
  UnauthenticatedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  RateLimitedError,
  invalidField,
  isDomainError,
  withMessage,
  type DomainErrorClass,
  type DomainErrorKind,
  type DomainErrorOptions,
  type FieldIssue,
} from './errors';
export {
  enforceRateLimit,
  inMemoryRateLimiter,
  rateLimit,
  rateStep,
  type RateDecision,
  type RateLimit,
  type RateLimiter,
  type RateWindow,
} from './rate-limit';
export { isDependencyOutage, OUTAGE_RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from './outage';
export { observedInvocation } from './invocation';
export {
  countRateLimited,
  flushMetrics,
  METRIC,
  metrics,
  metricsNamespace,
  noMetrics,
  recordingMetrics,
  type MetricName,
  type Metrics,
} from './metrics';
