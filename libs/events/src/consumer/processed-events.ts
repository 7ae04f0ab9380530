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
 * How a consumer's guard works: `{ repeatable: true }` for a consumer whose effect is harmless to repeat (one
 * read and one write per event, no lock; docs/decisions/011-idempotency-guard.md); by default a lock.
 */
export interface GuardMode {
  repeatable?: boolean;
}

/**
 * The idempotency guards of a service's consumers, on its processed-events table (the table named by the
 * variable `tableEnv()` names, the service's `ENV.processedEventsTable`: named by a function, so the call marked
 * pure can be dropped from a bundle that uses no guard, see tableAdapter of @chat/aws), remembering each event for
 * PROCESSED_EVENT_TTL_SECONDS. `idempotencyGuard(consumer)` gives the guard `eventConsumer` takes, built on first
 * use: `export const idempotencyGuard = /* @__PURE__ *\/ processedEventsGuards(() => ENV.processedEventsTable);` in
 * `adapters/environment.ts`, then `eventConsumer({ name, guard: idempotencyGuard('rooms.remember-user') }, …)`, or
 * `idempotencyGuard('realtime.fan-out-room', { repeatable: true })` for a consumer whose effect may repeat.
 */
export function processedEventsGuards(
  tableEnv: () => string,
  options: ProcessedEventsOptions = {},
): (consumer: string, mode?: GuardMode) => () => IdempotencyGuard {
  return (consumer, mode = {}) =>
    lazy(() =>
      createIdempotencyGuard({
        client: documentClient(),
        tableName: requireEnv(tableEnv()),
        ttlSeconds: PROCESSED_EVENT_TTL_SECONDS,
        consumer,
        ...(mode.repeatable ? { repeatable: true } : {}),
        ...(options.lockSeconds === undefined ? {} : { lockSeconds: options.lockSeconds() }),
      }),
    );
}
