export { requireEnv, optionalEnv } from './env';
export { createLogger, type Logger, type LogContext, type LogLevel } from './logger';
