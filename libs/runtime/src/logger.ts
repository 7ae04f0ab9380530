import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { COMMON_ENV } from './env-names';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(message: string, extra?: LogContext): void;
  info(message: string, extra?: LogContext): void;
  warn(message: string, extra?: LogContext): void;
  error(message: string, extra?: LogContext): void;
  /** A logger whose lines also carry `context` (e.g. correlationId, roomId). */
  child(context: LogContext): Logger;
}

/** The part of Lambda's invocation context a log line carries (`aws-lambda`'s `Context` has it). */
export interface InvocationContext {
  functionName: string;
  awsRequestId: string;
  functionVersion?: string;
  memoryLimitInMB?: string;
  invokedFunctionArn?: string;
}

interface Invocation {
  context: InvocationContext;
  /** The sandbox's first invocation. */
  coldStart: boolean;
}

/** The invocation each async flow belongs to (several may overlap in one local worker; on Lambda, never). */
const current = new AsyncLocalStorage<Invocation>();
let latest: Invocation | undefined;
let seen = 0;

function invocationOf(context: InvocationContext): Invocation {
  seen += 1;
  latest = { context, coldStart: seen === 1 };
  return latest;
}

/**
 * Runs one invocation (`observedInvocation`, in every handler wrapper): every line it logs carries the function's
 * name, its request id and `cold_start` (true on the sandbox's first invocation only).
 */
export function inInvocation<R>(context: InvocationContext | undefined, run: () => R): R {
  return context ? current.run(invocationOf(context), run) : run();
}

/** Marks the start of an invocation for the lines logged outside `inInvocation` (tests, code that runs later). */
export function beginInvocation(context: InvocationContext | undefined): void {
  if (context) invocationOf(context);
}

/** Powertools' default name when none is set: no `service` is better than a wrong one. */
const UNDEFINED_SERVICE = 'service_undefined';

/**
 * The line layout of every log entry: Powertools' keys (`cold_start`, `function_name`, `function_request_id`,
 * `xray_trace_id`), with `level` in lower case (`"level":"warn"`, what people and CI grep for) and the entry's
 * context and extra fields after them.
 */
export class ChatLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const invocation = current.getStore() ?? latest;
    const lambda = invocation?.context;
    return new LogItem({
      attributes: {
        level: attributes.logLevel.toLowerCase(),
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName === UNDEFINED_SERVICE ? undefined : attributes.serviceName,
        cold_start: invocation?.coldStart,
        function_name: lambda?.functionName,
        function_request_id: lambda?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(additional);
  }
}

/** Powertools' Logger writing each entry as one line through `write` (stdout, or a test's collector). */
class LineLogger extends PowertoolsLogger {
  constructor(
    options: ConstructorParameters<typeof PowertoolsLogger>[0],
    private readonly write: (line: string) => void,
  ) {
    super(options);
  }

  protected override printLog(_level: number, log: LogItem): void {
    log.prepareForPrint();
    this.write(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}

const LEVELS: Record<string, LogLevel> = { debug: 'debug', info: 'info', warn: 'warn', error: 'error' };

/** The stage's level (`LOG_LEVEL`, a stage parameter), `info` when unset or not a level. */
function configuredLevel(): LogLevel {
  return LEVELS[(process.env[COMMON_ENV.logLevel] ?? '').toLowerCase()] ?? 'info';
}

const stdoutLine = (line: string): void => void process.stdout.write(line + '\n');

/** One Powertools Logger per sandbox and service (in practice one): built on first use. */
const sandboxLoggers = new Map<string, PowertoolsLogger>();

function powertoolsLogger(serviceName: string | undefined, write?: (line: string) => void): PowertoolsLogger {
  const options = {
    ...(serviceName ? { serviceName } : {}),
    logLevel: configuredLevel().toUpperCase() as 'INFO',
    logFormatter: new ChatLogFormatter(),
  };
  if (write) return new LineLogger(options, write);
  const key = serviceName ?? '';
  let logger = sandboxLoggers.get(key);
  if (!logger) {
    logger = new LineLogger(options, stdoutLine);
    sandboxLoggers.set(key, logger);
  }
  return logger;
}

function adapter(powertools: PowertoolsLogger, context: LogContext): Logger {
  const log = (level: LogLevel, message: string, extra?: LogContext) =>
    powertools[level](message, extra ? { ...context, ...extra } : context);
  return {
    debug: (m, e) => log('debug', m, e),
    info: (m, e) => log('info', m, e),
    warn: (m, e) => log('warn', m, e),
    error: (m, e) => log('error', m, e),
    child: (more) => adapter(powertools, { ...context, ...withoutService(more) }),
  };
}

function withoutService(context: LogContext): LogContext {
  if (!('service' in context)) return context;
  const { service: _service, ...rest } = context;
  return rest;
}

/**
 * Structured JSON logger (Powertools for AWS Lambda's Logger): one line per entry with `level` (lower case),
 * `message`, `timestamp`, `service` (`context.service`, else env SERVICE_NAME), the invocation's Lambda context
 * (see `beginInvocation`) and the context. An Error anywhere in the fields is serialized with its name, message,
 * stack and cause (server side only). The level is env LOG_LEVEL's (default `info`). `write` replaces stdout
 * (tests).
 */
export function createLogger(context: LogContext = {}, write?: (line: string) => void): Logger {
  const service =
    typeof context.service === 'string' && context.service !== ''
      ? context.service
      : process.env[COMMON_ENV.serviceName] || undefined;
  return adapter(powertoolsLogger(service, write), withoutService(context));
}
