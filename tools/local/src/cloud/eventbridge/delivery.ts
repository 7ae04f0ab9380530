/**
 * Target delivery as Lambda asynchronous invocation: the caller does not wait; a target that fails
 * (its handler throws or rejects) is retried up to two more times after a short backoff, then the
 * failure is logged with the event id and recorded on the delivery. (AWS waits about 1 and 2 minutes
 * between the attempts; locally the delays are milliseconds so that tests stay fast, except where a short delay
 * would change the outcome: after a timed-out attempt, AWS's retry comes later than the function's timeout, when
 * what the timed-out attempt held — an idempotency lock — has expired, so the local retry waits as long.)
 */

import type { Invoke } from '../types';
import type { EventBridgeEvent, TargetDelivery } from './types';

/** Delays before the 2nd and 3rd attempt. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [100, 200];

export interface Dispatcher {
  /**
   * Starts delivering `event` to `delivery.target` on a later tick, or after `delayMs`; updates `delivery` as it
   * goes.
   */
  dispatch(event: EventBridgeEvent, delivery: TargetDelivery, delayMs?: number): void;
  /** Resolves once no delivery is pending (immediately when none is). */
  waitForIdle(): Promise<void>;
  /** Cancels the retries still waiting (they are recorded as failed); running invocations finish. */
  stop(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function createDispatcher(options: {
  invoke: Invoke;
  log: (line: string) => void;
  retryDelaysMs?: readonly number[];
  /** The least delay before retrying `target` after `error` (default 0): see above. */
  minimumRetryDelayMs?: (target: string, error: unknown) => number;
  /** Called once a delivery has run its course (succeeded, or failed every attempt); not when stop() cut it short. */
  onSettled?: (event: EventBridgeEvent, delivery: TargetDelivery) => void;
}): Dispatcher {
  const { invoke, log } = options;
  const minimumRetryDelayMs = options.minimumRetryDelayMs ?? (() => 0);
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleeping = new Map<NodeJS.Timeout, (completed: boolean) => void>();
  let idleWaiters: Array<() => void> = [];
  let pending = 0;
  let stopped = false;

  const sleep = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (stopped) return resolve(false);
      const timer = setTimeout(() => {
        sleeping.delete(timer);
        resolve(true);
      }, ms);
      sleeping.set(timer, resolve);
    });

  const settle = () => {
    pending -= 1;
    if (pending > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** Resolves true once the delivery ran its course, false when stop() cut it short. */
  const run = async (event: EventBridgeEvent, delivery: TargetDelivery, delayMs = 0): Promise<boolean> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (delayMs > 0 && !(await sleep(delayMs))) return false;
    const attempts = 1 + retryDelays.length;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) {
        const delay = Math.max(
          retryDelays[attempt - 2] ?? 0,
          minimumRetryDelayMs(delivery.target, lastError),
        );
        log(
          `[eventbridge] ${delivery.target} failed for event ${event.id} (attempt ${attempt - 1}/${attempts}), retrying in ${delay} ms: ${delivery.error}`,
        );
        if (!(await sleep(delay))) {
          delivery.status = 'failed';
          delivery.error = `stopped before retry; last error: ${delivery.error}`;
          return false;
        }
      }
      delivery.attempts = attempt;
      try {
        // Each target gets its own copy, as each Lambda invocation gets its own payload.
        await invoke(delivery.target, structuredClone(event));
        delivery.status = 'succeeded';
        delete delivery.error;
        return true;
      } catch (error) {
        lastError = error;
        delivery.error = messageOf(error);
      }
    }
    delivery.status = 'failed';
    log(
      `[eventbridge] delivery FAILED after ${attempts} attempts: event ${event.id} (${event.source} / ${event['detail-type']}) rule ${delivery.rule} target ${delivery.target}: ${delivery.error}`,
    );
    return true;
  };

  return {
    dispatch(event, delivery, delayMs) {
      pending += 1;
      run(event, delivery, delayMs)
        .then((finished) => {
          if (finished) options.onSettled?.(event, delivery);
        })
        .catch((error: unknown) => {
          delivery.status = 'failed';
          delivery.error = messageOf(error);
        })
        .finally(settle);
    },
    waitForIdle() {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    stop() {
      stopped = true;
      for (const [timer, resolve] of sleeping) {
        clearTimeout(timer);
        resolve(false);
      }
      sleeping.clear();
    },
  };
}
