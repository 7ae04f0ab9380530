import type { Context } from 'aws-lambda';
import {
  COMMON_ENV,
  createLogger,
  METRIC,
  metrics as sandboxMetrics,
  observedInvocation,
  optionalEnv,
  type LogContext,
  type Logger,
  type Metrics,
} from '@chat/runtime';
import type { EventContract } from '../contracts/contract';
import type { EnvelopeOf } from '../envelope';
import { type IdempotencyGuard, isEventInProgress } from './idempotency-guard';
import { type IncomingEventBridgeEvent, parseEvent } from './parse-event';

/** An event read by a consumer: its identity, and the input of the use case. */
export interface ConsumedEvent<T> {
  eventId: string;
  correlationId: string;
  input: T;
  /** Ids worth having on every log line (roomId, userId, page). */
  context?: LogContext;
}

/** Reads the event a Lambda target receives; a contract break throws (the delivery fails loudly). */
export type EventReader<T> = (event: IncomingEventBridgeEvent, logger: Logger) => ConsumedEvent<T>;

export type EventConsumerHandler = (event: IncomingEventBridgeEvent, context?: Context) => Promise<void>;

export interface EventConsumerOptions {
  /** The function's name, on every log line. */
  name: string;
  /** Runs the use case at most once per eventId. A consumer without one must be idempotent by itself. */
  guard?: () => IdempotencyGuard;
  /** Defaults to a JSON logger with `service` (env SERVICE_NAME) and `function`. */
  logger?: Logger;
  /** Where EventAge and ConsumerFailures go (default: the sandbox's metrics). */
  metrics?: Metrics;
  /** The time now (default: the system clock), for EventAge. */
  now?: () => number;
}

/**
 * The reader of events of `contract` (or of one of `contracts`, picked by detail-type): `parseEvent` with it,
 * the envelope as the use case's input, and `context(envelope)` as the ids to log.
 */
export function contractReader<TContract extends EventContract>(
  contract: TContract | readonly TContract[],
  context?: (event: EnvelopeOf<TContract>) => LogContext,
): EventReader<EnvelopeOf<TContract>> {
  const contracts: readonly TContract[] = Array.isArray(contract) ? contract : [contract as TContract];
  return (event, logger) => {
    const chosen =
      contracts.find((c) => c.detailType === event['detail-type']) ?? (contracts[0] as TContract);
    const envelope = parseEvent(chosen, event, { logger });
    return {
      eventId: envelope.metadata.eventId,
      correlationId: envelope.metadata.correlationId,
      input: envelope,
      ...(context ? { context: context(envelope) } : {}),
    };
  };
}

/**
 * The one way to write an EventBridge consumer: reads the event (a contract break throws, so the delivery fails
 * and lands in the target's DLQ), runs the use case at most once per eventId through the idempotency guard when
 * there is one (a delivery that finds another one running fails with EventInProgressError, logged as a warning,
 * and is retried; one that finds the event done is skipped), and logs the outcome (what `run` returns) with `eventId`, `correlationId`, `eventType` and the
 * reader's ids. A failure of the use case is logged and rethrown, so the event is delivered again (Lambda's
 * asynchronous retries).
 */
export function eventConsumer<T>(
  options: EventConsumerOptions,
  read: EventReader<T>,
  run: (input: T, logger: Logger, event: ConsumedEvent<T>) => Promise<object | void>,
): EventConsumerHandler {
  const baseLogger =
    options.logger ?? createLogger({ service: optionalEnv(COMMON_ENV.serviceName), function: options.name });
  const recorder = options.metrics ?? sandboxMetrics;
  const now = options.now ?? Date.now;
  return observedInvocation(async (event: IncomingEventBridgeEvent, _context?: Context) => {
    const age = eventAgeMs(event, now());
    if (age !== undefined) recorder.milliseconds(METRIC.eventAge, age);
    const consumed = read(event, baseLogger);
    const logger = baseLogger.child({
      eventId: consumed.eventId,
      correlationId: consumed.correlationId,
      eventType: event['detail-type'],
      ...consumed.context,
    });
    const handle = () => run(consumed.input, logger, consumed);
    try {
      if (!options.guard) {
        logger.info('event handled', { ...(await handle()) });
        return;
      }
      const outcome = await options.guard().once(consumed.eventId, handle);
      if (outcome.executed) logger.info('event handled', { ...outcome.result });
      else logger.info('duplicate delivery skipped');
    } catch (error) {
      if (isEventInProgress(error)) {
        // Not a fault: another delivery holds the event; this one is retried, and skips once that one is done.
        logger.warn('event in progress in another delivery, to be retried', {
          error: error.message,
          ...(error.lockedUntil === undefined ? {} : { lockedUntil: error.lockedUntil }),
        });
      } else {
        recorder.count(METRIC.consumerFailures);
        logger.error('event not handled, to be retried', { error });
      }
      throw error;
    }
  });
}

/** Milliseconds since the event's `metadata.occurredAt` (undefined when the detail has none that parses). */
export function eventAgeMs(event: IncomingEventBridgeEvent, now: number): number | undefined {
  const detail = event.detail as { metadata?: { occurredAt?: unknown } } | null | undefined;
  const occurredAt = detail?.metadata?.occurredAt;
  const at = typeof occurredAt === 'string' ? Date.parse(occurredAt) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, now - at);
}
