import { backoffDelay, sleep, type RetryOptions } from '../retry';

/** The retry policy of the batch operations unless a caller says otherwise: 8 calls, 20 ms to 1 s apart. */
export function batchRetry(options: Partial<RetryOptions>): RetryOptions {
  return {
    maxAttempts: options.maxAttempts ?? 8,
    baseDelayMs: options.baseDelayMs ?? 20,
    maxDelayMs: options.maxDelayMs ?? 1000,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
  };
}

/**
 * The batch operations' loop: `requests` in chunks of `limit`, each sent with `send` (which answers what DynamoDB
 * left unprocessed) again after a jittered exponential backoff until nothing is left; after `retry.maxAttempts`
 * calls for one chunk it throws `refusal(left, attempts)`. Returns the number of calls made.
 */
export async function sendUntilProcessed<T>(
  requests: readonly T[],
  limit: number,
  retry: RetryOptions,
  send: (chunk: T[]) => Promise<T[]>,
  refusal: (left: number, attempts: number) => string,
): Promise<number> {
  let calls = 0;
  for (let start = 0; start < requests.length; start += limit) {
    let pending = requests.slice(start, start + limit);
    for (let attempt = 1; ; attempt += 1) {
      calls += 1;
      pending = await send(pending);
      if (pending.length === 0) break;
      if (attempt >= retry.maxAttempts) throw new Error(refusal(pending.length, attempt));
      await retry.sleep(backoffDelay(attempt, retry));
    }
  }
  return calls;
}
