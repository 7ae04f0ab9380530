import { documentClient } from '@chat/aws';
import { lazy, requireEnv } from '@chat/runtime';
import { createIdempotencyGuard, type IdempotencyGuard } from './idempotency-guard';

/** How long a processed event is remembered: EventBridge redelivers for up to 24 h, markers live a week. */
export const PROCESSED_EVENT_TTL_SECONDS = 7 * 24 * 3600;

export interface ProcessedEventsOptions {
  /**
   * How long one delivery holds an event (the consumers' timeout), read when a guard is first built: a crashed
   * or timed-out delivery's lock frees after it, and a retry takes the event over. Defaults to
   * DEFAULT_CONSUMER_TIMEOUT_SECONDS (the functions' default timeout): a service whose consumers have another
   * timeout must pass it.
   */
  lockSeconds?: () => number;
}

/**
 * The idempotency guards of a service's consumers, on its processed-events table (the table named by the
 * variable `tableEnv`, the service's `ENV.processedEventsTable`), remembering each event for
 * PROCESSED_EVENT_TTL_SECONDS. `idempotencyGuard(consumer)` gives the guard `eventConsumer` takes, built on first
 * use: `export const idempotencyGuard = processedEventsGuards(ENV.processedEventsTable);` in
 * `adapters/environment.ts`, then `eventConsumer({ name, guard: idempotencyGuard('rooms.remember-user') }, …)`.
 */
export function processedEventsGuards(
  tableEnv: string,
  options: ProcessedEventsOptions = {},
): (consumer: string) => () => IdempotencyGuard {
  return (consumer) =>
    lazy(() =>
      createIdempotencyGuard({
        client: documentClient(),
        tableName: requireEnv(tableEnv),
        ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
        consumer,
        ...(options.lockSeconds === undefined ? {} : { lockSeconds: options.lockSeconds() }),
      }),
    );
}
