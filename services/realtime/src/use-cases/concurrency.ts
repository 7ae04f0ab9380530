/** Bounded concurrency is shared plumbing (`@chat/runtime`); re-exported for realtime's use cases. */
export { forEachConcurrently } from '@chat/runtime';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the 2nd attempt; doubles each time. */
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls `fn` until it resolves or `policy.attempts` calls have failed; rethrows the last error. */
export async function retrying<T>(policy: RetryPolicy, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= policy.attempts) throw error;
      await policy.sleep(policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
