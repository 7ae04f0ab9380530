import { COMMON_ENV } from './env-names';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, extra?: LogContext): void;
  info(message: string, extra?: LogContext): void;
  warn(message: string, extra?: LogContext): void;
  error(message: string, extra?: LogContext): void;
  /** A logger whose lines also carry `context` (e.g. correlationId, roomId). */
  child(context: LogContext): Logger;
}

function serializeError(value: unknown): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      stack: value.stack,
      cause: serializeError(value.cause),
    };
  }
  return value;
}

/**
 * Structured JSON logger: one line per entry with `level`, `message`, `timestamp`, `service` and the
 * context. An `error` key holding an Error is serialized with its stack and cause (server side only).
 */
export function createLogger(
  context: LogContext = {},
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const minimum = order[(process.env[COMMON_ENV.logLevel] as LogLevel | undefined) ?? 'info'] ?? order.info;
  const log = (level: LogLevel, message: string, extra: LogContext = {}) => {
    if (order[level] < minimum) return;
    const entry: LogContext = { level, message, timestamp: new Date().toISOString(), ...context };
    for (const [key, value] of Object.entries(extra)) entry[key] = serializeError(value);
    write(JSON.stringify(entry));
  };
  return {
    debug: (m, e) => log('debug', m, e),
    info: (m, e) => log('info', m, e),
    warn: (m, e) => log('warn', m, e),
    error: (m, e) => log('error', m, e),
    child: (more) => createLogger({ ...context, ...more }, write),
  };
}
