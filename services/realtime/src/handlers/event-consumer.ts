import type { EventBridgeEvent } from 'aws-lambda';
import type { IdempotencyGuard } from '@chat/events';
import { createLogger, optionalEnv, type Logger } from '@chat/runtime';

/** An event read by a consumer: its identity, and the input of the use case. */
export interface ConsumedEvent<T> {
  eventId: string;
  correlationId: string;
  input: T;
  /** Ids worth having on every log line (roomId, userId, page). */
  context?: Record<string, unknown>;
}

export type EventConsumerHandler = (event: EventBridgeEvent<string, unknown>) => Promise<void>;

/**
 * Plumbing for EventBridge consumers: reads the event (a contract break throws: the delivery fails loudly), runs
 * the use case at most once per eventId (the idempotency guard), and logs the outcome with the correlation. A
 * failure of the use case is rethrown, so that the event is delivered again (Lambda's asynchronous retries).
 */
export function eventConsumer<T>(
  options: { name: string; guard: () => IdempotencyGuard; logger?: Logger },
  read: (event: EventBridgeEvent<string, unknown>, logger: Logger) => ConsumedEvent<T>,
  run: (input: T, logger: Logger, event: ConsumedEvent<T>) => Promise<Record<string, unknown>>,
): EventConsumerHandler {
  const baseLogger =
    options.logger ?? createLogger({ service: optionalEnv('SERVICE_NAME'), function: options.name });
  return async (event) => {
    const consumed = read(event, baseLogger);
    const logger = baseLogger.child({
      eventId: consumed.eventId,
      correlationId: consumed.correlationId,
      eventType: event['detail-type'],
      ...consumed.context,
    });
    try {
      const outcome = await options
        .guard()
        .once(consumed.eventId, () => run(consumed.input, logger, consumed));
      if (outcome.executed) logger.info('event handled', outcome.result);
      else logger.info('duplicate delivery skipped');
    } catch (error) {
      logger.error('event not handled, to be retried', { error });
      throw error;
    }
  };
}
